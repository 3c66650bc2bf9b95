// The lines a delivery adds to a command's summary.
import type { DeliveryResult } from './deliver.js';

export function renderDelivery(delivery: DeliveryResult, through: string): string {
  const lines = [`notices sent: ${delivery.sent} through ${through}`];
  for (const r of delivery.refused) lines.push(`notice #${r.noticeId} refused by the relay, not sent: ${r.error}`);
  if (delivery.queued > 0) lines.push(`notices still queued: ${delivery.queued}`);
  if (delivery.unconfirmed > 0) {
    lines.push(`notices unconfirmed: ${delivery.unconfirmed} (an earlier delivery was cut off while sending them; they may have gone out and are not sent again)`);
  }
  return `${lines.join('\n')}\n`;
}
