package io.gatehouse.kyc;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Identity verification.
 *
 * @param maxDocumentSize largest accepted photo
 * @param minimumAge youngest applicant accepted, in years
 */
@ConfigurationProperties("gatehouse.kyc")
public record KycProperties(@DefaultValue("5MB") DataSize maxDocumentSize, @DefaultValue("18") int minimumAge) {
}
