# The job's image: Node 24 LTS, compiled JavaScript and production dependencies only.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin bin
COPY src src
COPY jobs jobs
COPY migrations migrations
COPY bench bench
RUN npm ci --no-audit --no-fund && npm run build

FROM node:24-slim
ENV NODE_ENV=production TIER_REVIEW_HOME=/var/lib/tier-review
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY bin bin
COPY --from=build /app/dist dist
RUN mkdir -p /var/lib/tier-review && chown node:node /var/lib/tier-review
USER node
VOLUME /var/lib/tier-review
# the command's #! line runs node with its heap cap
ENTRYPOINT ["/app/bin/tier-review.js"]
CMD ["run", "--help"]
