package dev.jvmgan.monitor;

import dev.jvmgan.config.ActivationType;
import dev.jvmgan.model.NetworkRole;
import dev.jvmgan.train.TrainingSession;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitors in the log: a WARN line per alert, and a compact line with each layer's never-positive share, G's
 * signal and D's outputs at the first check on or after every {@value #CONSOLE_EVERY} iterations (at most that often,
 * however frequent the checks), e.g.
 * {@code it 250 | D never+: act1 0.0% act2 12.5% | G dead: act1 3.1% | G signal 3.1e-03 | D(x) 0.81 D(G(z)) 0.22}.
 */
final class ConsoleLines implements CheckListener {
    /** Console lines come at most this often (iterations), however frequent the checks. */
    static final int CONSOLE_EVERY = 250;
    // The logger name the monitors' lines have always had, so log filters keep working.
    private static final Logger log = LoggerFactory.getLogger(MonitorListener.class);

    private final int lineEvery;

    /** @param checkEvery {@code monitors.every}, &gt;= 1 */
    ConsoleLines(int checkEvery) {
        if (checkEvery < 1) {
            throw new IllegalArgumentException("checkEvery: must be >= 1, got " + checkEvery);
        }
        // The smallest multiple of the check cadence that is >= CONSOLE_EVERY, so a line always falls on a check.
        this.lineEvery = checkEvery * Math.max(1, (CONSOLE_EVERY + checkEvery - 1) / checkEvery);
    }

    @Override
    public void checked(TrainingSession session, CheckSnapshot check, List<Alert> raised) {
        for (Alert alert : raised) {
            log.warn("alert {} ({}): {}", alert.rule(), alert.policy().name().toLowerCase(Locale.ROOT),
                    alert.message());
        }
        if (check.iteration() % lineEvery == 0) {
            log.info(line(check));
        }
    }

    /** Iterations between lines. */
    int lineEvery() {
        return lineEvery;
    }

    /** The compact line; a network's layers say "dead" when all are ReLU, "never+" otherwise. */
    static String line(CheckSnapshot s) {
        StringBuilder line = new StringBuilder("it ").append(s.iteration());
        for (NetworkRole network : List.of(NetworkRole.DISCRIMINATOR, NetworkRole.GENERATOR)) {
            List<LayerUnits> layers = s.units().stream().filter(u -> u.network() == network).toList();
            if (layers.isEmpty()) {
                continue;
            }
            boolean relu = layers.stream().allMatch(u -> u.type() == ActivationType.RELU);
            line.append(" | ").append(NetworkLetter.of(network)).append(relu ? " dead:" : " never+:");
            for (LayerUnits u : layers) {
                line.append(' ').append(u.layer())
                        .append(String.format(Locale.ROOT, " %.1f%%", 100 * u.neverPositiveFraction()));
            }
        }
        line.append(String.format(Locale.ROOT, " | G signal %.1e | D(x) %.2f D(G(z)) %.2f", s.gSignal(), s.dReal(),
                s.dFake()));
        return line.toString();
    }
}
