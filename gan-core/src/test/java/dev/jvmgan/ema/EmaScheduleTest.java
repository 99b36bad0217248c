package dev.jvmgan.ema;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EmaScheduleTest {

    @Test
    void aHalfLifeOfOneBatchHalvesPerStep() {
        assertThat(EmaSchedule.withoutRampUp(64).beta(64, 5000)).isEqualTo(0.5);
        assertThat(EmaSchedule.withoutRampUp(128).beta(64, 5000)).isCloseTo(Math.sqrt(0.5), within(1e-15));
        assertThat(EmaSchedule.withoutRampUp(32).beta(64, 5000)).isEqualTo(0.25);
    }

    @Test
    void rampUpShortensTheHalfLifeEarlyOn() {
        EmaSchedule schedule = new EmaSchedule(10000, 0.1);
        assertThat(schedule.halfLife(640)).isCloseTo(64, within(1e-12));
        assertThat(schedule.beta(64, 640)).isCloseTo(0.5, within(1e-15));
        assertThat(schedule.halfLife(1_000_000)).isEqualTo(10000);
        assertThat(schedule.beta(64, 1_000_000)).isCloseTo(Math.pow(0.5, 0.0064), within(1e-15));
        // The first step: no images seen, half-life floored at 1e-8, beta 0: the average starts as a copy of G.
        assertThat(schedule.beta(64, 0)).isEqualTo(0.0);
    }

    @Test
    void afterOneHalfLifeAnOldValueWeighsHalf() {
        EmaSchedule schedule = EmaSchedule.withoutRampUp(6400);
        double weight = 1;
        for (int step = 0; step < 100; step++) {
            weight *= schedule.beta(64, 100_000 + step * 64L);
        }
        assertThat(weight).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new EmaSchedule(0, 0.05)).hasMessageContaining("halfLifeImages");
        assertThatThrownBy(() -> new EmaSchedule(10000, -1)).hasMessageContaining("rampUp");
        assertThatThrownBy(() -> EmaSchedule.withoutRampUp(1).beta(0, 0)).hasMessageContaining("batch");
        assertThatThrownBy(() -> EmaSchedule.withoutRampUp(1).halfLife(-1)).hasMessageContaining("imagesSeen");
    }
}
