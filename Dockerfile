# syntax=docker/dockerfile:1
# statusd: build a release binary with the Swift standard library linked statically, then run it on a
# slim Debian with only the system libraries it links (libsqlite3, libssl) and loads for PostgreSQL (libpq).

FROM swift:6.3-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends libsqlite3-dev libssl-dev libpq-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Resolve dependencies first so that source edits do not refetch them: `swift package resolve` reads
# Package.swift alone (it does not look for the targets' folders).
COPY Package.swift ./
RUN swift package resolve
# Then every path Package.swift names. SwiftPM loads the whole package even to build one product, so
# the test targets' folders are needed too; the two resources: the migrations and the OpenAPI document.
# scripts/check-release-build builds from exactly these paths, so one missing here fails CI.
COPY Sources ./Sources
COPY Tests ./Tests
COPY Migrations ./Migrations
COPY openapi/statusd.openapi.json ./openapi/
RUN swift build -c release --product statusd --static-swift-stdlib \
    && mkdir -p /out \
    && cp "$(swift build -c release --show-bin-path)/statusd" /out/ \
    && cp -R "$(swift build -c release --show-bin-path)/statusd_StatusdStore.resources" /out/ \
    && cp -R "$(swift build -c release --show-bin-path)/statusd_StatusdApp.resources" /out/ \
    && cp -R "$(swift build -c release --show-bin-path)/statusd_StatusPageSite.resources" /out/ \
    && cp -R "$(swift build -c release --show-bin-path)/statusd_StatusdPostgres.resources" /out/

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends libsqlite3-0 libssl3 libpq5 ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /var/lib/statusd --create-home statusd
# The resource bundles (migrations, SQLite's and PostgreSQL's; the OpenAPI document; the status page's templates)
# must sit beside the binary.
COPY --from=build /out/ /usr/local/bin/
USER 10001:10001
WORKDIR /var/lib/statusd
VOLUME ["/var/lib/statusd"]
ENV STATUSD_DB=/var/lib/statusd/statusd.db \
    STATUSD_HOST=0.0.0.0 \
    STATUSD_PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
    CMD ["sh", "-c", "curl -fsS http://127.0.0.1:${STATUSD_PORT}/healthz || exit 1"]
# statusd drains in-flight requests on SIGTERM (docker stop) and exits 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/statusd"]
CMD ["serve"]
