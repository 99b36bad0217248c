package dev.jvmgan.run;

import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.train.Resumable;
import dev.jvmgan.train.TrainingListener;
import dev.jvmgan.train.TrainingSession;

import java.util.List;
import java.util.Optional;

/**
 * What a run built for a {@link LoopFactory}'s loop: its networks, its listeners in loop order and the state its
 * checkpoints carry. The generator's moving average is the loop's to move (it is left out of {@code listeners}).
 *
 * @param average   the moving average of G, if {@code train.ema} is on
 * @param listeners the run's listeners (metrics, samples, checkpoints, ...), to be called as {@code GanTrainer} does
 * @param state     every part of the run's state a checkpoint saves, by {@link Resumable#stateName()}: the data
 *                  order, the latents, ND4J's generator, the algorithm's streams, the monitors', the loop's own
 */
public record LoopParts(RunConfig config, TrainingSession session, TrainableNetwork generator,
                        TrainableNetwork discriminator, Optional<TrainableNetwork> average,
                        List<TrainingListener> listeners, List<Resumable> state) {
    public LoopParts {
        listeners = List.copyOf(listeners);
        state = List.copyOf(state);
    }
}
