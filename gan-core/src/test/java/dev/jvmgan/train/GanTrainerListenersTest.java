package dev.jvmgan.train;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The listener contract of {@link GanTrainer#run}: whatever throws, every listener whose {@code trainingStarted}
 * returned hears {@code trainingEnded} exactly once, and the first failure reaches the caller with the later ones
 * suppressed on it.
 */
class GanTrainerListenersTest {

    /** Records its events into a shared log and throws where told. */
    private static final class Recorder implements TrainingListener {
        final String name;
        final List<String> log;
        String throwAt = "";
        long throwAtIteration = -1;
        Throwable endedWith;

        Recorder(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        Recorder throwing(String event) {
            throwAt = event;
            return this;
        }

        @Override
        public void trainingStarted(TrainingSession session) {
            log.add(name + " started");
            if (throwAt.equals("started")) {
                throw new IllegalStateException(name + " failed to start");
            }
        }

        @Override
        public void iterationDone(TrainingSession session, IterationStats stats) {
            log.add(name + " done " + stats.iteration());
            if (stats.iteration() == throwAtIteration) {
                throw new IllegalStateException(name + " failed at iteration " + stats.iteration());
            }
        }

        @Override
        public void trainingEnded(TrainingSession session, Throwable failure) {
            log.add(name + " ended" + (failure == null ? "" : " after failure"));
            endedWith = failure;
            if (throwAt.equals("ended")) {
                throw new IllegalStateException(name + " failed to end");
            }
        }
    }

    private static Throwable run(long iterations, TrainingListener... listeners) {
        return catchThrowable(() -> TinyGan.trainer(TinyGan.session(), List.of(listeners)).run(iterations));
    }

    @Test
    void aListenerThatFailsToStartStopsTrainingAndOnlyTheStartedOnesHearTheEnd() {
        List<String> log = new ArrayList<>();
        Recorder a = new Recorder("a", log);
        Recorder b = new Recorder("b", log).throwing("started");
        Recorder c = new Recorder("c", log);

        Throwable thrown = run(2, a, b, c);

        assertThat(thrown).hasMessage("b failed to start");
        assertThat(log).containsExactly("a started", "b started", "a ended after failure");
        assertThat(a.endedWith).isSameAs(thrown);
    }

    @Test
    void aListenerThatFailsInIterationDoneStopsTrainingAndEveryListenerHearsTheEnd() {
        List<String> log = new ArrayList<>();
        Recorder a = new Recorder("a", log);
        Recorder b = new Recorder("b", log);
        b.throwAtIteration = 2;
        Recorder c = new Recorder("c", log);

        Throwable thrown = run(5, a, b, c);

        assertThat(thrown).hasMessage("b failed at iteration 2");
        assertThat(log).containsExactly("a started", "b started", "c started",
                "a done 1", "b done 1", "c done 1", "a done 2", "b done 2",
                "a ended after failure", "b ended after failure", "c ended after failure");
        assertThat(List.of(a.endedWith, b.endedWith, c.endedWith)).allMatch(f -> f == thrown);
    }

    @Test
    void failingEndsDoNotKeepLaterListenersFromTheirEndAndTheFirstIsThrownWithTheRestSuppressed() {
        List<String> log = new ArrayList<>();
        Recorder a = new Recorder("a", log).throwing("ended");
        Recorder b = new Recorder("b", log).throwing("ended");
        Recorder c = new Recorder("c", log);

        Throwable thrown = run(1, a, b, c);

        assertThat(thrown).hasMessage("a failed to end");
        assertThat(thrown.getSuppressed()).extracting(Throwable::getMessage).containsExactly("b failed to end");
        assertThat(log).containsExactly("a started", "b started", "c started", "a done 1", "b done 1", "c done 1",
                "a ended", "b ended", "c ended");
        assertThat(c.endedWith).as("training itself ran to the end").isNull();
    }

    @Test
    void aTrainingFailureIsThrownWithFailingEndsSuppressedOnIt() {
        List<String> log = new ArrayList<>();
        Recorder a = new Recorder("a", log);
        a.throwAtIteration = 1;
        Recorder b = new Recorder("b", log).throwing("ended");
        Recorder c = new Recorder("c", log);

        Throwable thrown = run(3, a, b, c);

        assertThat(thrown).hasMessage("a failed at iteration 1");
        assertThat(thrown.getSuppressed()).extracting(Throwable::getMessage).containsExactly("b failed to end");
        assertThat(log).containsExactly("a started", "b started", "c started", "a done 1",
                "a ended after failure", "b ended after failure", "c ended after failure");
    }

    @Test
    void aRunWithoutFailuresEndsEveryListenerOnceWithoutAFailure() {
        List<String> log = new ArrayList<>();
        Recorder a = new Recorder("a", log);

        assertThat(run(2, a)).isNull();

        assertThat(log).containsExactly("a started", "a done 1", "a done 2", "a ended");
    }
}
