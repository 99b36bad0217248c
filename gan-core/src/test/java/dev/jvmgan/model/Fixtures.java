package dev.jvmgan.model;

import dev.jvmgan.config.ActivationConfig;
import dev.jvmgan.config.ActivationType;
import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;
import dev.jvmgan.config.Defaults;
import dev.jvmgan.config.ModelConfig;
import dev.jvmgan.config.NetworkConfig;
import dev.jvmgan.config.OptimizerConfig;
import dev.jvmgan.config.OutputConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.config.TrainConfig;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small configs shared by the model tests. */
final class Fixtures {
    static final OptimizerConfig ADAM = OptimizerConfig.dcganAdam();
    static final long SEED = 42;

    private Fixtures() {
    }

    static NetworkConfig net(String architecture, ActivationConfig activation, Integer... widths) {
        return new NetworkConfig(architecture, List.of(widths), activation, true, 0.02);
    }

    static NetworkConfig net(String architecture, ActivationType activation, Integer... widths) {
        return net(architecture, ActivationConfig.defaults(activation), widths);
    }

    /** The benchmark's reference DCGAN (see /work/shared/bench/README.md): latent 100, 1x28x28. */
    static ModelConfig referenceDcgan() {
        return new ModelConfig(100,
                net("dcgan", ActivationConfig.relu(), 128, 64),
                net("dcgan", ActivationConfig.leakyRelu(0.2), 64, 128));
    }

    /** A tiny model: latent 4, two stages each side, the given activation everywhere. */
    static ModelConfig tiny(String architecture, ActivationConfig activation) {
        return new ModelConfig(4, net(architecture, activation, 4, 2), net(architecture, activation, 2, 4));
    }

    static RunConfig run(ModelConfig model, int imageSize) {
        return new RunConfig("test", new DataConfig(DataSource.IDX, DataConfig.EMBEDDED_FASHION_MNIST, imageSize, 1),
                model, new TrainConfig(1, 2, 1, SEED, ADAM, ADAM), new OutputConfig("runs", 1, 1, 1),
                Defaults.monitors());
    }

    static INDArray gaussian(DataType dataType, long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(dataType, shape);
    }
}
