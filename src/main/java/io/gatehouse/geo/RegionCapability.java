package io.gatehouse.geo;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a handler does, for the region policy checked on every signed-in request. Without it a
 * read (GET, HEAD) counts as {@link RegionAccess.Capability#VIEW} and anything else as
 * {@link RegionAccess.Capability#CONFIGURE}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface RegionCapability {

	RegionAccess.Capability value();
}
