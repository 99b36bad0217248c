package dev.jvmgan.train;

import dev.jvmgan.augment.Transformed;

/**
 * The monitors' close look at one step ({@link TrainingListener#wantsInspection}): both networks wrapped in
 * {@link RecordingNetwork}s for the step, and afterwards the {@link Inspection} assembled from what they recorded
 * and what the phases reported. D's figures come from its first update of the step ({@code Dmain} or
 * {@code Dboth}, which come before {@code Dreg}), its layer inputs from its first passes on T(x) and T(G(z)).
 */
final class Inspector {
    private final RecordingNetwork g;
    private final RecordingNetwork d;
    private Transformed realSeen;
    private Transformed fakeSeen;

    Inspector(TrainingSession session) {
        this.g = new RecordingNetwork(session.generator(), true);
        this.d = new RecordingNetwork(session.discriminator(), false);
    }

    RecordingNetwork generator() {
        return g;
    }

    RecordingNetwork discriminator() {
        return d;
    }

    /** The step's batches as D sees them, whose passes through D the inspection reports. */
    void watch(Transformed realSeen, Transformed fakeSeen) {
        this.realSeen = realSeen;
        this.fakeSeen = fakeSeen;
        d.watch(realSeen.images());
        d.watch(fakeSeen.images());
    }

    Inspection inspection(long iteration, IterationResults results) {
        return new Inspection(iteration, d.layerInputsOn(realSeen.images()), d.layerInputsOn(fakeSeen.images()),
                g.firstForward(), d.gradients(), d.paramsBefore(), d.paramsAfter(), g.gradients(), g.paramsBefore(),
                g.paramsAfter(), results.dLossDReal(), results.dLossDFake(), results.realLogits(),
                results.fakeLogits());
    }
}
