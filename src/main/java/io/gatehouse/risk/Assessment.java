package io.gatehouse.risk;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.gatehouse.geo.Location;

/**
 * The risk decision for one sign-in.
 *
 * @param policy the name of the policy that matched, or null when none did
 */
public record Assessment(int score, Set<Signal> signals, @Nullable String policy, Set<RiskStep> steps,
		Location location, RiskEvents.@Nullable ImpossibleTravel travel) {

	public Assessment {
		signals = Set.copyOf(signals);
		steps = Set.copyOf(steps);
	}

	public boolean requires(RiskStep step) {
		return this.steps.contains(step);
	}
}
