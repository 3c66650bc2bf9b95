// Word lists for fictional company, person and customer names. Any resemblance to a real
// organisation is accidental. Every word is a single token whose slug (slugify) is unique in its
// list, so `prefix-core-kind` domain slugs are unique per name combination.

export const PREFIXES = [
  'Alder', 'Amber', 'Arctic', 'Aspen', 'Atlas', 'Azure', 'Basalt', 'Beacon', 'Birch', 'Bluewater',
  'Bright', 'Brook', 'Cedar', 'Cobalt', 'Copper', 'Coral', 'Crimson', 'Crystal', 'Delta', 'Ember',
  'Falcon', 'Fjord', 'Granite', 'Harbor', 'Hazel', 'Heron', 'Indigo', 'Iron', 'Juniper', 'Kestrel',
  'Lantern', 'Linden', 'Lumen', 'Maple', 'Meridian', 'Müller', 'Nordlys', 'Oakridge', 'Onyx', 'Orchid',
  'Ōsaka', 'Pinecrest', 'Quartz', 'Raven', 'Redwood', 'Saffron', 'São', 'Sequoia', 'Silver', 'Slate',
  'Sterling', 'Summit', 'Tidal', 'Umber', 'Vantor', 'Willow', 'Zephyr', 'Zürich', 'Øresund', 'Kraków',
] as const;

export const CORES = [
  'Arc', 'Bay', 'Bridge', 'Canyon', 'Cascade', 'Circuit', 'Cloud', 'Compass', 'Crest', 'Current',
  'Dune', 'Echo', 'Field', 'Forge', 'Frontier', 'Gate', 'Glacier', 'Grove', 'Haven', 'Horizon',
  'Isle', 'Keystone', 'Lake', 'Ledger', 'Loop', 'Mesa', 'Mill', 'Nimbus', 'North', 'Oasis',
  'Orbit', 'Peak', 'Pier', 'Pillar', 'Pine', 'Point', 'Prism', 'Pulse', 'Quay', 'Ridge',
  'River', 'Rock', 'Sail', 'Shore', 'Signal', 'Sky', 'Spring', 'Spruce', 'Star', 'Stone',
  'Stream', 'Tide', 'Tower', 'Trail', 'Vale', 'Vector', 'View', 'Wave', 'Wind', 'Works',
] as const;

/** Name kinds: the first CONSULTING_KINDS are consulting firms, the rest technology vendors. */
export const KINDS = [
  'Consulting', 'Partners', 'Solutions', 'Advisory', 'Group', 'Services', 'Integrators', 'Digital',
  'Associates', 'Cloudworks', 'Professional', 'Transformation', 'Managed', 'Strategies', 'Collective',
  'Consultancy', 'Engineering', 'Outsourcing', 'Practice',
  'Software', 'Labs', 'Analytics', 'Systems', 'Networks', 'Security', 'Data', 'AI', 'Robotics',
  'Platforms', 'Apps', 'Devices', 'Metrics',
] as const;

export const CONSULTING_KINDS = 19;

/** Legal-form suffixes with the usual punctuation (some add a comma, needing CSV quoting). */
export const LEGAL = [
  ' Inc.', ', Inc.', ' LLC', ', LLC', ' Ltd', ' Ltd.', ' GmbH', ' AG', ' S.A.', ' SAS', ' SARL', ' B.V.',
  ' AB', ' AS', ' Oy', ' Pty Ltd', ' K.K.', ' Ltda.', ' S.r.l.', ' Sp. z o.o.', ' ApS', '', '', '',
] as const;

export const FIRST_NAMES = [
  'Aiko', 'Alex', 'Amara', 'Ana', 'Anders', 'Aroha', 'Ben', 'Bianca', 'Carlos', 'Chen', 'Chloe', 'Dara',
  'David', 'Elena', 'Emeka', 'Erik', 'Fatima', 'Felix', 'Grace', 'Hana', 'Hugo', 'Ingrid', 'Isaac', 'Jana',
  'Javier', 'Jin', 'Joao', 'Kai', 'Karin', 'Kenji', 'Lars', 'Leila', 'Liam', 'Lucia', 'Mara', 'Mateo',
  'Maya', 'Mei', 'Nadia', 'Nikhil', 'Noah', 'Olga', 'Omar', 'Priya', 'Rafael', 'Rahul', 'Rosa', 'Sami',
  'Sara', 'Sean', 'Sofia', 'Tariq', 'Tom', 'Uma', 'Valentina', 'Victor', 'Wei', 'Yara', 'Yusuf', 'Zoe',
  'Anna', 'Oscar', 'Ruth', 'Ivan',
] as const;

export const LAST_NAMES = [
  'Abe', 'Adeyemi', 'Alvarez', 'Andersen', 'Bauer', 'Bianchi', 'Brown', 'Castro', 'Chen', 'Cohen', 'Costa',
  'Das', 'Dubois', 'Eriksson', 'Fischer', 'Garcia', 'Gupta', 'Haddad', 'Hansen', 'Ito', 'Jensen', 'Kaur',
  'Kim', 'Kowalski', 'Lambert', 'Larsen', 'Lee', 'Lopez', 'Martin', 'Meyer', 'Mohamed', 'Moreau', 'Murphy',
  'Nakamura', 'Nguyen', 'Novak', 'Okafor', 'Olsen', 'Park', 'Patel', 'Pereira', 'Petrov', 'Quinn', 'Reyes',
  'Rossi', 'Sato', 'Schmidt', 'Silva', 'Singh', 'Smith', 'Sousa', 'Suzuki', 'Tan', 'Taylor', 'Tanaka',
  'Varga', 'Wagner', 'Walsh', 'Wang', 'Weber', 'Wilson', 'Yamamoto', 'Young', 'Zhang',
] as const;

export const CUSTOMER_FIRST = [
  'Acorn', 'Albion', 'Allegro', 'Apex', 'Bellwether', 'Blackbird', 'Bramble', 'Calder', 'Camden',
  'Clearwater', 'Cloverleaf', 'Cornerstone', 'Driftwood', 'Eastgate', 'Evergreen', 'Fairhaven', 'Foxglove',
  'Goldcrest', 'Greenfield', 'Hartwell', 'Highland', 'Ironbridge', 'Kingsley', 'Lakeside', 'Larkspur',
  'Marlow', 'Millbrook', 'Moorland', 'Northgate', 'Oakhurst', 'Pembroke', 'Primrose', 'Riverside',
  'Rosewood', 'Saltmarsh', 'Seabright', 'Stonebridge', 'Thornbury', 'Westbrook', 'Whitfield',
] as const;

export const CUSTOMER_SECTOR = [
  'Airlines', 'Bank', 'Bakeries', 'Biotech', 'Builders', 'Clinics', 'Credit Union', 'Energy', 'Foods',
  'Freight', 'Games', 'Health', 'Hotels', 'Insurance', 'Logistics', 'Media', 'Mining', 'Motors',
  'Pharma', 'Publishing', 'Retail', 'Shipping', 'Telecom', 'Textiles', 'Travel', 'University',
  'Utilities', 'Wines',
] as const;

/** ASCII, lower-case, hyphen-separated slug. */
export function slugify(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[øØ]/g, 'o')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
