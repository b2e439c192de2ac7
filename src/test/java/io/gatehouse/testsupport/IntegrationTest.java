package io.gatehouse.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * A Gatehouse integration test: the whole application on a free port that is also its public URL (so
 * WebAuthn's exact origin check sees the origin a browser uses), its own database in the shared
 * embedded PostgreSQL, real SMTP to GreenMail, and a {@link MutableClock}. All such tests share one
 * Spring context, so the suite starts the application once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ContextConfiguration(initializers = TestContextInitializer.class)
@Import(TestClockConfig.class)
public @interface IntegrationTest {
}
