package dev.jvmgan.augment;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class InstanceNoiseTest {

    @Test
    void sigmaFallsLinearlyToZeroAndStaysThere() {
        InstanceNoise noise = new InstanceNoise(0.5, 100, 1);
        assertThat(noise.sigma(0)).isEqualTo(0.5);
        assertThat(noise.sigma(50)).isEqualTo(0.25);
        assertThat(noise.sigma(90)).isCloseTo(0.05, within(1e-15));
        assertThat(noise.sigma(100)).isEqualTo(0.0);
        assertThat(noise.sigma(1000)).isEqualTo(0.0);
    }

    @Test
    void addsGaussianNoiseOfThatSigma() {
        INDArray images = Nd4j.zeros(DataType.DOUBLE, 4, 1, 16, 16).addi(0.3);
        INDArray noisy = new InstanceNoise(0.5, 100, 2).apply(images, 50).images();
        INDArray added = noisy.sub(images);
        // 1024 draws of N(0, 0.25^2): the mean's sd is 0.008, the sd's about 0.006.
        assertThat(added.meanNumber().doubleValue()).isCloseTo(0, within(0.04));
        assertThat(added.stdNumber().doubleValue()).isCloseTo(0.25, within(0.03));
        assertThat(images.getDouble(0, 0, 0, 0)).isEqualTo(0.3); // the input is left alone
    }

    @Test
    void offAfterTheAnnealingAndTheBackwardPassIsTheIdentity() {
        InstanceNoise noise = new InstanceNoise(0.5, 10, 3);
        INDArray images = AugmentGradientTest.random(new long[]{2, 1, 4, 4}, 5);
        assertThat(noise.apply(images, 10).images()).isEqualTo(images);
        INDArray gradient = AugmentGradientTest.random(new long[]{2, 1, 4, 4}, 6);
        assertThat(noise.apply(images, 0).backward(gradient)).isEqualTo(gradient);
    }

    @Test
    void restoringTheStateRepeatsTheNoise() {
        InstanceNoise noise = new InstanceNoise(1, 10, 4);
        INDArray images = Nd4j.zeros(DataType.FLOAT, 2, 1, 4, 4);
        noise.apply(images, 0);
        var saved = noise.state();
        INDArray next = noise.apply(images, 1).images();
        InstanceNoise resumed = new InstanceNoise(1, 10, 99);
        resumed.restore(saved);
        assertThat(resumed.apply(images, 1).images()).isEqualTo(next);
        assertThat(next.dataType()).isEqualTo(DataType.FLOAT);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new InstanceNoise(-0.1, 10, 1)).hasMessageContaining("sigma");
        assertThatThrownBy(() -> new InstanceNoise(0.1, 0, 1)).hasMessageContaining("annealIterations");
    }
}
