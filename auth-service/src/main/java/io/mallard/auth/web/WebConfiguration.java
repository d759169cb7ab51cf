package io.mallard.auth.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.mallard.auth.config.AuthProperties;
import io.mallard.web.ApiErrorHandler;
import io.mallard.web.ClientAddress;
import io.mallard.web.CodecLimits;

/**
 * web-common's error answers; the body limit (a login is a few hundred bytes, and a huge one must
 * not be buffered); the client address behind the trusted proxies.
 */
@Configuration(proxyBeanMethods = false)
@Import(ApiErrorHandler.class)
class WebConfiguration {

    @Bean
    CodecLimits codecLimits(AuthProperties properties) {
        return new CodecLimits(properties.maxBody());
    }

    @Bean
    ClientAddress clientAddress(AuthProperties properties) {
        return new ClientAddress(properties.trustedProxies());
    }
}
