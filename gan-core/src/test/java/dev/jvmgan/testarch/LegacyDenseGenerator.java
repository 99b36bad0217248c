package dev.jvmgan.testarch;

import dev.jvmgan.model.ArchitectureContext;
import org.deeplearning4j.nn.api.Model;

/**
 * A generator as plug-ins of earlier versions were written, against the deprecated {@code GeneratorArchitecture}
 * and without {@code roles()}. Not registered in the test resources: the test that needs it registers it in the
 * deprecated services file of a class loader of its own.
 */
@SuppressWarnings("removal")
public final class LegacyDenseGenerator implements dev.jvmgan.model.GeneratorArchitecture {
    @Override
    public String name() {
        return "legacy-dense";
    }

    @Override
    public Model build(ArchitectureContext context) {
        return new TinyDenseGenerator().build(context);
    }
}
