package io.gatehouse;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Gatehouse: account access and account security for a digital-asset exchange. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class GatehouseApplication {

	public static void main(String[] args) {
		SpringApplication.run(GatehouseApplication.class, args);
	}
}
