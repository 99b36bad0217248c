package dev.jvmgan.monitor;

import static dev.jvmgan.model.NetworkRole.DISCRIMINATOR;
import static dev.jvmgan.model.NetworkRole.GENERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.jvmgan.config.ActivationType;
import dev.jvmgan.model.NetworkRole;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class DeadUnitTrackerTest {
    private static final double[] UNIT0_DEAD = {1.0, 0.5, 0.0};
    private static final double[] ALL_ALIVE = {0.5, 0.5, 0.0};

    @Test
    void unitDeadInEveryCheckOfTheWindowCountsOnlyOnceTheWindowIsFull() {
        DeadUnitTracker tracker = new DeadUnitTracker(3);
        assertThat(record(tracker, DISCRIMINATOR, UNIT0_DEAD).deadForWindow()).isZero();
        assertThat(record(tracker, DISCRIMINATOR, UNIT0_DEAD).deadForWindow()).isZero();
        LayerUnits third = record(tracker, DISCRIMINATOR, UNIT0_DEAD);
        assertThat(third.deadForWindow()).isEqualTo(1);
        assertThat(third.neverPositive()).isEqualTo(1);
        assertThat(record(tracker, DISCRIMINATOR, UNIT0_DEAD).deadForWindow()).isEqualTo(1);
    }

    @Test
    void oneAliveCheckResetsTheWindow() {
        DeadUnitTracker tracker = new DeadUnitTracker(3);
        for (int i = 0; i < 3; i++) {
            record(tracker, DISCRIMINATOR, UNIT0_DEAD);
        }
        assertThat(record(tracker, DISCRIMINATOR, ALL_ALIVE).deadForWindow()).isZero();
        assertThat(record(tracker, DISCRIMINATOR, UNIT0_DEAD).deadForWindow()).isZero();
        assertThat(record(tracker, DISCRIMINATOR, UNIT0_DEAD).deadForWindow()).isZero();
        assertThat(record(tracker, DISCRIMINATOR, UNIT0_DEAD).deadForWindow()).isEqualTo(1);
    }

    @Test
    void networksAndLayersHaveTheirOwnHistory() {
        DeadUnitTracker tracker = new DeadUnitTracker(2);
        record(tracker, DISCRIMINATOR, UNIT0_DEAD);
        record(tracker, GENERATOR, ALL_ALIVE);
        assertThat(record(tracker, GENERATOR, UNIT0_DEAD).deadForWindow()).isZero();
        assertThat(record(tracker, DISCRIMINATOR, UNIT0_DEAD).deadForWindow()).isEqualTo(1);
    }

    @Test
    void aUnitIsNeverPositiveOnlyIfItIsOnEveryBatchOfTheCheck() {
        double[] real = {1.0, 1.0, 0.25};
        double[] fake = {1.0, 0.75, 0.25};
        LayerUnits u = new DeadUnitTracker(1).record(DISCRIMINATOR, "act2", ActivationType.RELU, List.of(real, fake),
                List.of(), null);
        assertThat(u.neverPositive()).isEqualTo(1); // unit 1 is dead on real, alive on fake
        assertThat(u.neverPositiveFraction()).isEqualTo(1.0 / 3);
        assertThat(u.deadForWindow()).isEqualTo(1);
        assertThat(u.meanNonPositive()).isCloseTo((1 + 1 + 0.25 + 1 + 0.75 + 0.25) / 6, within(1e-15));
        assertThat(u.saturatedFraction()).isZero();
    }

    @Test
    void leakyLayersAreNeverPositiveButNotDead() {
        DeadUnitTracker tracker = new DeadUnitTracker(1);
        LayerUnits u = tracker.record(DISCRIMINATOR, "act1", ActivationType.ELU, List.of(UNIT0_DEAD, UNIT0_DEAD),
                List.of(new double[] {0.5, 0.0, 0.0}, new double[] {1.0, 0.0, 0.5}), null);
        assertThat(u.neverPositive()).isEqualTo(1);
        assertThat(u.deadForWindow()).isZero();
        assertThat(u.label()).isEqualTo("never positive");
        assertThat(u.saturatedFraction()).isCloseTo(2.0 / 6, within(1e-15));
        assertThat(u.preluSlopes()).isEmpty();
    }

    @Test
    void preluSlopesAreSummarisedAsMinMeanMax() {
        LayerUnits u = new DeadUnitTracker(1).record(GENERATOR, "act1", ActivationType.PRELU, List.of(ALL_ALIVE), null,
                Nd4j.createFromArray(0.1f, 0.25f, 0.4f, 0.25f).reshape(4, 1, 1));
        assertThat(u.preluSlopes()).containsExactly(new double[] {0.1, 0.25, 0.4}, within(1e-7));
        assertThat(u).isEqualTo(new LayerUnits(GENERATOR, "act1", ActivationType.PRELU, 3, 0, 0, 0, 1.0 / 3, 0,
                u.preluSlopes()));
    }

    @Test
    void rejectsInconsistentInput() {
        DeadUnitTracker tracker = new DeadUnitTracker(2);
        record(tracker, DISCRIMINATOR, UNIT0_DEAD);
        assertThatThrownBy(() -> record(tracker, DISCRIMINATOR, new double[] {1, 1}))
                .hasMessageContaining("D act1: 2 units, but earlier checks had 3");
        assertThatThrownBy(() -> tracker.record(DISCRIMINATOR, "act1", ActivationType.RELU,
                List.of(UNIT0_DEAD, new double[] {1}), List.of(), null)).hasMessageContaining("must have 3 units");
        assertThatThrownBy(() -> tracker.record(DISCRIMINATOR, "act1", ActivationType.RELU, List.of(), List.of(), null))
                .hasMessageContaining("at least one batch");
        assertThatThrownBy(() -> new DeadUnitTracker(0)).hasMessageContaining("window: must be >= 1");
    }

    private static LayerUnits record(DeadUnitTracker tracker, NetworkRole network, double[] fractions) {
        return tracker.record(network, "act1", ActivationType.RELU, List.of(fractions), List.of(), null);
    }
}
