package io.caimei.ingest.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.caimei.ingest.mapping.NativeFormats;
import io.caimei.ingest.mapping.UserKeys;

/** Builds the format parsers with the configured pseudonymization key. */
public class MappingProducer {

    @Produces
    @ApplicationScoped
    NativeFormats nativeFormats(IngestConfig config) {
        return new NativeFormats(new UserKeys(config.ingest().pseudonymizationSecret()));
    }
}
