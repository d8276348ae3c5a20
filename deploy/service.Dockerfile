# The collector and alerting images (docker-compose.yml passes MODULE and MAIN_CLASS). Built from
# the repository root: the module and the modules it depends on, then only its runtime class path
# in a JRE image.
FROM eclipse-temurin:25-jdk AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -pl "${MODULE}" -am install -DskipTests -Dspotless.check.skip=true \
 && ./mvnw -B -ntp -pl "${MODULE}" dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory=/app/lib \
 && cp "${MODULE}/target/${MODULE}-0.1.0-SNAPSHOT.jar" /app/app.jar

FROM eclipse-temurin:25-jre
ARG MAIN_CLASS
ENV MAIN_CLASS=${MAIN_CLASS} JAVA_OPTS=""
RUN useradd --system --uid 10001 tenantpulse && mkdir -p /var/lib/tenant-pulse \
 && chown tenantpulse /var/lib/tenant-pulse
COPY --from=build /app /app
USER tenantpulse
WORKDIR /app
# Virtual threads and FFM are used; chDB is not (servers use jdbc:clickhouse: and PostgreSQL).
ENTRYPOINT ["sh", "-c", "exec java --enable-native-access=ALL-UNNAMED $JAVA_OPTS -cp '/app/app.jar:/app/lib/*' $MAIN_CLASS"]
