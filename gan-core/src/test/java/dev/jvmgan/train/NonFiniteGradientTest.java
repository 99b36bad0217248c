package dev.jvmgan.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The update's own NaN check: a gradient that turns NaN while every loss stays finite stops training before the
 * update, naming the network, the iteration and the first parameter whose gradient is not finite.
 */
class NonFiniteGradientTest {

    /** Identity forward (so every loss is finite), NaN backward: a layer whose derivative blew up. */
    static final class NanBackward extends BaseActivationFunction {
        @Override
        public INDArray getActivation(INDArray in, boolean training) {
            return in;
        }

        @Override
        public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
            return new Pair<>(epsilon.dup().assign(Double.NaN), null);
        }

        @Override
        public String toString() {
            return "nan-backward";
        }
    }

    @Test
    void aNanGradientInTheGeneratorStopsTrainingBeforeItsUpdateNamingTheParameter() {
        MultiLayerNetwork g = TinyGan.generator(new NanBackward());
        TrainingSession session = TinyGan.session(g, TinyGan.discriminator());
        INDArray gBefore = g.params().dup();
        INDArray dBefore = session.discriminator().params().dup();
        Throwable[] ended = new Throwable[1];
        TrainingListener listener = new TrainingListener() {
            @Override
            public void trainingEnded(TrainingSession s, Throwable failure) {
                ended[0] = failure;
            }
        };

        TrainingDivergedException e = catchThrowableOfType(TrainingDivergedException.class,
                () -> TinyGan.trainer(session, List.of(listener)).run(3));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).matches("iteration 1: G gradient fc1/[Wb] holds NaN or infinity; stopped before "
                + "applying it \\(the last checkpoint on disk is good\\)\\. Lower train\\.g\\.lr or check the data\\.");
        assertThat(g.params()).as("G not updated").isEqualTo(gBefore);
        assertThat(session.generator().updateCount()).isZero();
        assertThat(session.discriminator().updateCount()).as("D's step came first and was finite").isEqualTo(1);
        assertThat(session.discriminator().params()).isNotEqualTo(dBefore);
        assertThat(ended[0]).isSameAs(e);
    }
}
