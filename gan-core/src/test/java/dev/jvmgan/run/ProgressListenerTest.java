package dev.jvmgan.run;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.TrainingSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress bar of a resumed run starts at the resumed iteration and shows the metrics' interval means. */
class ProgressListenerTest {
    private static IterationStats stats(long iteration, double dLoss) {
        return new IterationStats(iteration, 4 * iteration, dLoss, 2.0, 0.8, 0.2, 0.01);
    }

    private static String barsDrawn(boolean terminal, Path tmp, long from, long to) throws Exception {
        RunConfig config = TinyRuns.config(tmp.resolve("images"), tmp.resolve("runs"), 200);
        TrainingSession session = new TrainingSession(config, tmp, null, null, null);
        ProgressListener progress = new ProgressListener(config.output().logEvery(), terminal);
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            progress.trainingStarted(session);
            for (long i = from; i <= to; i++) {
                progress.iterationDone(session, stats(i, i % 2 == 0 ? 1.0 : 0.5));
            }
            progress.trainingEnded(session, null);
        } finally {
            System.setErr(old);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aResumedBarStartsAtTheResumedIterationAndItsLossesAreSpacedFromTheRate(@TempDir Path tmp)
            throws Exception {
        // logEvery is 2 in TinyRuns: iterations 151 to 153 end one interval at 152 and start the next at 153.
        String drawn = barsDrawn(true, tmp, 151, 153);

        // The bar is drawn at most every 500 ms and when it closes; without a terminal width it is cut at 79 columns.
        String last = drawn.substring(drawn.lastIndexOf('\r') + 1).strip();
        assertThat(last).contains(" 153/200 it (").contains(" it/s D(x) 0.80 D(G(z)) 0.20 D").hasSizeLessThan(80);
        assertThat(drawn).doesNotContain(" 0/200 ").doesNotContain(" 150/200 ");
    }

    @Test
    void aLogLineAtEachIntervalEndCarriesTheIntervalMeans(@TempDir Path tmp) throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(ProgressListener.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        String drawn;
        try {
            drawn = barsDrawn(false, tmp, 1, 4);
        } finally {
            logger.detachAppender(lines);
        }
        String logged = String.join("\n", lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList());

        assertThat(drawn).doesNotContain("\r");
        assertThat(logged).contains("it 2/200").contains("D(x) 0.80 D(G(z)) 0.20 D 0.750 G 2.000 "
                + "(means it 1-2)").contains("it 4/200").contains("(means it 3-4)");
    }
}
