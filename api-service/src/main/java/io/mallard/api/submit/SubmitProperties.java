package io.mallard.api.submit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code mallard.submit.*}: the platform's sending limit, WildDuck's {@code maxRecipients}.
 *
 * @param recipientsPerDay recipients a user may send to per UTC day unless the user has its own limit
 */
@ConfigurationProperties("mallard.submit")
record SubmitProperties(Integer recipientsPerDay) {

    SubmitProperties {
        recipientsPerDay = recipientsPerDay == null ? 2000 : recipientsPerDay;
    }
}
