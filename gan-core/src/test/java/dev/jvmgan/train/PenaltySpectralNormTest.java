package dev.jvmgan.train;

import dev.jvmgan.augment.InputTransform;
import dev.jvmgan.augment.Transformed;
import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.backend.TrainableNetworks;
import dev.jvmgan.penalty.R1Penalty;
import dev.jvmgan.penalty.WganGpPenalty;
import dev.jvmgan.spectral.SpectralNormState;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gradient penalty's passes through a spectrally normalised D run no power iteration (all of them see one sigma,
 * as torch's differentiated penalty does), and leave the power iteration running for the loss's passes after it.
 */
class PenaltySpectralNormTest {

    /** Each layer's power-iteration vectors, u then v. */
    private static Map<String, double[]> us(TrainableNetwork d) {
        Map<String, double[]> us = new LinkedHashMap<>();
        d.spectralNorms().forEach((layer, norm) -> {
            SpectralNormState state = norm.state();
            double[] uv = new double[state.u().length + state.v().length];
            System.arraycopy(state.u(), 0, uv, 0, state.u().length);
            System.arraycopy(state.v(), 0, uv, state.u().length, state.v().length);
            us.put(layer, uv);
        });
        return us;
    }

    private static void assertPenaltyHoldsThePowerIteration(DiscriminatorPenalty term) {
        TrainableNetwork d = TrainableNetworks.of(TinyGan.discriminator(), Set.of("fc1", "logit"), 3);
        Nd4j.getRandom().setSeed(5);
        INDArray real = Nd4j.rand(DataType.FLOAT, TinyGan.BATCH, 1, 4, 4).muli(2).subi(1);
        INDArray fake = Nd4j.rand(DataType.FLOAT, TinyGan.BATCH, 1, 4, 4).muli(2).subi(1);
        Transformed realSeen = InputTransform.identity().apply(real, 0);
        Transformed fakeSeen = InputTransform.identity().apply(fake, 0);
        d.forward(real);
        Map<String, double[]> before = us(d);

        IterationResults results = new IterationResults();
        term.accumulate(new Step(1, 1, null, d, realSeen, fakeSeen), results);

        assertThat(results.stats(1, 4, 1).penalty()).isPositive();
        us(d).forEach((layer, u) -> assertThat(u).as(layer).containsExactly(before.get(layer)));
        d.forward(real);
        // fc1 (16 x 8) is far from converged after one iteration; logit (1 x 8) is exact after its first.
        assertThat(us(d).get("fc1")).as("fc1 after the penalty").isNotEqualTo(before.get("fc1"));
    }

    @Test
    void r1sPassesSeeOneSigma() {
        assertPenaltyHoldsThePowerIteration(new DiscriminatorPenalty(new R1Penalty(1.0), 16));
    }

    @Test
    void wganGpsPassesSeeOneSigma() {
        assertPenaltyHoldsThePowerIteration(new DiscriminatorPenalty(new WganGpPenalty(10.0, 7), 1));
    }
}
