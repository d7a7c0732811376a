# framewatch for deployments against a ClickHouse server (docker-compose.yml).
# The embedded engine is not included: with Docker, use the server DSN.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/framewatch ./cmd/framewatch

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/* && useradd --system --home /var/lib/framewatch framewatch
COPY --from=build /out/framewatch /usr/local/bin/framewatch
USER framewatch
WORKDIR /var/lib/framewatch
ENTRYPOINT ["framewatch"]
CMD ["run", "--config", "/etc/framewatch/framewatch.yaml"]
