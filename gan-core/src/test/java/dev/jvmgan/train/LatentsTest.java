package dev.jvmgan.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.assertj.core.api.Assertions.assertThat;

class LatentsTest {

    @Test
    void oneBufferCarriesTheSeededStream() {
        Latents reused = new Latents(4, 7, DataType.FLOAT);
        INDArray first = reused.next(3);
        INDArray firstValues = first.dup();
        INDArray second = reused.next(3);

        assertThat(second).isSameAs(first);
        assertThat(second).isNotEqualTo(firstValues);
        Latents again = new Latents(4, 7, DataType.FLOAT);
        assertThat(again.next(3)).isEqualTo(firstValues);
        assertThat(again.next(3)).isEqualTo(second);
        assertThat(again.next(5).shape()).containsExactly(5, 4);
    }

    @Test
    void savedStateContinuesTheStream() {
        Latents latents = new Latents(4, 8, DataType.FLOAT);
        latents.next(2);
        RandomState state = latents.state();
        INDArray expected = latents.next(2).dup();

        Latents resumed = new Latents(4, 99, DataType.FLOAT);
        resumed.restore(RandomState.fromJson(state.toJson()));

        assertThat(resumed.next(2)).isEqualTo(expected);
    }
}
