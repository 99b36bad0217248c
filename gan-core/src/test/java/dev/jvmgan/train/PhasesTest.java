package dev.jvmgan.train;

import dev.jvmgan.augment.InputTransform;
import dev.jvmgan.loss.NonSaturating;
import dev.jvmgan.model.NetworkRole;
import dev.jvmgan.penalty.R1Penalty;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The loop runs the phases of its algorithm in list order, each at the steps its interval divides. */
class PhasesTest {
    private static final NonSaturating NS = new NonSaturating();

    /** A term that logs {@code step:phase} and then does what {@code inner} does. */
    private static GradientTerm recorded(List<String> log, String phase, GradientTerm inner) {
        return (step, results) -> {
            log.add(step.number() + ":" + phase);
            inner.accumulate(step, results);
        };
    }

    @Test
    void phasesRunInListOrderAtTheStepsTheirIntervalsDivide() {
        List<String> log = new ArrayList<>();
        List<String> iterations = new ArrayList<>();
        Algorithm algorithm = new Algorithm(List.of(
                new Phase("A", NetworkRole.DISCRIMINATOR, 1, recorded(log, "A", new DiscriminatorLoss(NS))),
                new Phase("B", NetworkRole.DISCRIMINATOR, 3, recorded(log, "B", new DiscriminatorLoss(NS))),
                new Phase("C", NetworkRole.GENERATOR, 2, recorded(log, "C", new GeneratorLoss(NS)))),
                InputTransform.identity());
        TrainingSession session = TinyGan.session(2);
        TrainingListener listener = new TrainingListener() {
            @Override
            public void iterationDone(TrainingSession s, IterationStats stats) {
                iterations.add(stats.iteration() + " after " + log.get(log.size() - 1));
            }
        };

        TinyGan.trainer(session, algorithm, List.of(listener)).run(3);

        assertThat(log).containsExactly("1:A", "2:A", "2:C", "3:A", "3:B", "4:A", "4:C", "5:A", "6:A", "6:B", "6:C");
        assertThat(iterations).containsExactly("1 after 2:C", "2 after 4:C", "3 after 6:C");
        assertThat(session.discriminator().updateCount()).as("A six times, B twice").isEqualTo(8);
        assertThat(session.generator().updateCount()).isEqualTo(3);
    }

    @Test
    void theStandardAlgorithmsAreDmainAndGmainWithAPenaltyInDbothOrInALazyDreg() {
        Algorithm plain = Algorithm.of(NS, 3, InputTransform.identity());
        assertThat(plain.phaseNames()).containsExactly("Dmain/1", "Gmain/3");
        assertThat(plain.phases().get(0).terms()).containsExactly(new DiscriminatorLoss(NS));
        assertThat(plain.phases().get(1).terms()).containsExactly(new GeneratorLoss(NS));

        R1Penalty r1 = new R1Penalty(1);
        Algorithm both = plain.withPenalty(r1, 1);
        assertThat(both.phaseNames()).containsExactly("Dboth/1", "Gmain/3");
        assertThat(both.phases().get(0).terms()).as("the penalty first: it needs D with nothing pending")
                .containsExactly(new DiscriminatorPenalty(r1, 1), new DiscriminatorLoss(NS));

        Algorithm lazy = plain.withPenalty(r1, 16);
        assertThat(lazy.phaseNames()).containsExactly("Dmain/1", "Dreg/16", "Gmain/3");
        assertThat(lazy.phases().get(1).terms()).as("weighted by its interval")
                .containsExactly(new DiscriminatorPenalty(r1, 16));
        assertThat(lazy.phases().get(1).network()).isEqualTo(NetworkRole.DISCRIMINATOR);
    }

    @Test
    void aPhaseNeedsAnIntervalAndSomethingToDo() {
        assertThatThrownBy(() -> new Phase("X", NetworkRole.GENERATOR, 0, new GeneratorLoss(NS)))
                .hasMessageContaining("interval");
        assertThatThrownBy(() -> new Phase("X", NetworkRole.GENERATOR, 1, List.of()))
                .hasMessageContaining("nothing to compute");
        assertThatThrownBy(() -> new Algorithm(List.of(new Phase("G", NetworkRole.GENERATOR, 1,
                new GeneratorLoss(NS))), InputTransform.identity()).withPenalty(new R1Penalty(1), 4))
                .hasMessageContaining("no Dmain phase");
    }
}
