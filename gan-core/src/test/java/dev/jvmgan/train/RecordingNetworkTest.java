package dev.jvmgan.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvmgan.backend.Buffers;
import dev.jvmgan.backend.TrainableNetwork;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What a recording network copies: the first pass only where asked (G), the watched inputs' passes (D). */
class RecordingNetworkTest {

    @Test
    void copiesTheFirstPassOnlyWhereAskedAndEveryWatchedInputsFirstPass() {
        TrainableNetwork d = TinyGan.session().discriminator();
        INDArray watched = TinyGan.realBatch();
        INDArray other = TinyGan.realBatch().mul(-1);

        RecordingNetwork withoutFirst = new RecordingNetwork(d, false);
        withoutFirst.watch(watched);
        withoutFirst.forward(other, null);
        withoutFirst.forward(watched, null);
        assertThat(withoutFirst.firstForward()).as("D's first pass is not copied").isEmpty();
        Map<String, INDArray> onWatched = withoutFirst.layerInputsOn(watched);
        assertThat(onWatched).isNotEmpty();
        assertThat(onWatched.values().iterator().next()).isEqualTo(watched);   // the first layer's input

        RecordingNetwork withFirst = new RecordingNetwork(d, true);
        withFirst.forward(other, null);
        withFirst.forward(watched, null);
        Map<String, INDArray> first = withFirst.firstForward();
        assertThat(first.values().iterator().next()).as("a copy of the first pass's inputs").isEqualTo(other);
        assertThat(withFirst.layerInputsOn(watched)).as("not watched").isEmpty();
        Buffers.release(onWatched.values());
        Buffers.release(first.values());
    }
}
