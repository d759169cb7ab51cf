package io.mallard.web;

import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * Caps decoded request bodies: a huge one must not be buffered. A service declares it as a bean
 * with its own limit; raw uploads that bypass the codecs read their body through {@link BoundedBody}.
 */
public final class CodecLimits implements WebFluxConfigurer {

    private final DataSize maxBody;

    public CodecLimits(DataSize maxBody) {
        this.maxBody = maxBody;
    }

    @Override
    public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
        configurer.defaultCodecs().maxInMemorySize((int) maxBody.toBytes());
    }
}
