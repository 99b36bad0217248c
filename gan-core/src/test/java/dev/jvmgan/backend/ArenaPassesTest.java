package dev.jvmgan.backend;

import dev.jvmgan.fastops.Wanted;
import dev.jvmgan.config.Defaults;
import dev.jvmgan.model.ImageShape;
import dev.jvmgan.model.NetworkFactory;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The arena passes compute exactly what DL4J's own {@code feedForward(true, false)} and {@code backpropGradient}
 * compute, on the reference DCGAN (batch norm, transposed convolutions, oneDNN helpers), pass after pass, with
 * another network's passes and DL4J inference calls in between.
 */
class ArenaPassesTest {
    static final ImageShape FASHION = new ImageShape(1, 28);

    static INDArray gaussian(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, shape);
    }

    @Test
    void generatorAndDiscriminatorPassesAreBitwiseDl4jsOwn() {
        MultiLayerNetwork g = NetworkFactory.generator(Defaults.model(), Defaults.optimizer(), FASHION, 5,
                DataType.FLOAT);
        MultiLayerNetwork d = NetworkFactory.discriminator(Defaults.model(), Defaults.optimizer(), FASHION, 6,
                DataType.FLOAT);
        MultiLayerNetwork gByDl4j = g.clone();
        MultiLayerNetwork dByDl4j = d.clone();
        ArenaPasses gArena = new ArenaPasses(g);
        ArenaPasses dArena = new ArenaPasses(d);

        for (int round = 0; round < 3; round++) {
            INDArray z = gaussian(10 + round, 8, Defaults.model().latentDim());
            List<INDArray> fakeOurs = gArena.forward(z);
            // D runs both ways while G's activations wait in G's arena, and DL4J inference runs on this thread.
            List<INDArray> dOurs = dArena.forward(fakeOurs.get(fakeOurs.size() - 1));
            dByDl4j.setInput(fakeOurs.get(fakeOurs.size() - 1).dup());
            List<INDArray> dTheirs = dByDl4j.feedForward(true, false);
            assertThat(dOurs).isEqualTo(dTheirs);
            INDArray dLogits = gaussian(20 + round, 8, 1);
            Pair<Gradient, INDArray> dBackOurs = dArena.backward(dLogits, Wanted.ALL);
            INDArray dGradOurs = d.getGradientsViewArray().dup();
            Pair<Gradient, INDArray> dBackTheirs = dByDl4j.backpropGradient(dLogits, LayerWorkspaceMgr.noWorkspaces());
            assertThat(dBackOurs.getSecond()).isEqualTo(dBackTheirs.getSecond());
            assertThat(dGradOurs).isEqualTo(dByDl4j.getGradientsViewArray());
            assertThat(dBackOurs.getFirst().gradientForVariable().keySet())
                    .containsExactlyElementsOf(dBackTheirs.getFirst().gradientForVariable().keySet());
            dByDl4j.output(gaussian(30 + round, 2, 1, 28, 28));

            gByDl4j.setInput(z);
            List<INDArray> fakeTheirs = gByDl4j.feedForward(true, false);
            assertThat(fakeOurs).as("round %d", round).isEqualTo(fakeTheirs);
            INDArray epsilon = dBackOurs.getSecond();
            Pair<Gradient, INDArray> gBackOurs = gArena.backward(epsilon, Wanted.ALL);
            INDArray gGradOurs = g.getGradientsViewArray().dup();
            Pair<Gradient, INDArray> gBackTheirs = gByDl4j.backpropGradient(epsilon, LayerWorkspaceMgr.noWorkspaces());
            assertThat(gBackOurs.getSecond()).isEqualTo(gBackTheirs.getSecond());
            assertThat(gGradOurs).isEqualTo(gByDl4j.getGradientsViewArray());
            assertThat(g.params()).isEqualTo(gByDl4j.params()); // batch norm's running statistics included
        }
        assertThat(Nd4j.getWorkspaceManager().anyWorkspaceActiveForCurrentThread()).isFalse();
    }
}
