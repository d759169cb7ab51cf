package io.mallard.api.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.mallard.web.ApiErrorHandler;
import io.mallard.web.CodecLimits;

/**
 * web-common's error answers, and the JSON body limit. Message uploads do not go through the
 * codecs: they read the raw body themselves under {@link ApiProperties#maxMessage()}.
 */
@Configuration(proxyBeanMethods = false)
@Import(ApiErrorHandler.class)
class WebConfiguration {

    @Bean
    CodecLimits codecLimits(ApiProperties properties) {
        return new CodecLimits(properties.maxBody());
    }
}
