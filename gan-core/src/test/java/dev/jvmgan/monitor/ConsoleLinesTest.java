package dev.jvmgan.monitor;

import static dev.jvmgan.model.NetworkRole.DISCRIMINATOR;
import static dev.jvmgan.model.NetworkRole.GENERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvmgan.config.ActivationType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleLinesTest {

    @Test
    void theLineIsCompactAndSaysDeadOnlyForAllReluNetworks() {
        LayerUnits d1 = new LayerUnits(DISCRIMINATOR, "act1", ActivationType.LEAKYRELU, 64, 0, 0.0, 0, 0.4, 0.0, null);
        LayerUnits d2 = new LayerUnits(DISCRIMINATOR, "act2", ActivationType.LEAKYRELU, 128, 16, 0.125, 0, 0.5, 0.0,
                null);
        LayerUnits g1 = Checks.layer(GENERATOR, "act1", ActivationType.RELU, 1, 32);
        // G's layer comes first in the check; the line still shows D, then G.
        CheckSnapshot s = Checks.check(250, 0.81, 0.22, 3.1e-3, List.of(g1, d1, d2), List.of());
        assertThat(ConsoleLines.line(s)).isEqualTo("it 250 | D never+: act1 0.0% act2 12.5% | G dead: act1 3.1% "
                + "| G signal 3.1e-03 | D(x) 0.81 D(G(z)) 0.22");
    }

    @Test
    void linesComeAtTheFirstCheckOnOrAfterEvery250Iterations() {
        // The smallest multiple of the check cadence that is at least 250.
        assertThat(new ConsoleLines(50).lineEvery()).isEqualTo(250);
        assertThat(new ConsoleLines(1).lineEvery()).isEqualTo(250);
        assertThat(new ConsoleLines(40).lineEvery()).isEqualTo(280);
        assertThat(new ConsoleLines(300).lineEvery()).isEqualTo(300);
        assertThatThrownBy(() -> new ConsoleLines(0)).hasMessageContaining("checkEvery");
    }
}
