# syntax=docker/dockerfile:1
# Build stage: install production dependencies; better-sqlite3 compiles its native addon here.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund

# Runtime stage: no compiler, a non-root user, data/ as a volume.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATA_DIR=/app/data \
    DATABASE_PATH=/app/data/events.db
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY src ./src
COPY data ./data
RUN chown -R node:node /app/data
USER node
VOLUME ["/app/data"]
# tsx runs the TypeScript sources directly (docs/decisions/001-run-typescript-with-tsx.md).
CMD ["node", "--import", "tsx", "src/main.ts"]
