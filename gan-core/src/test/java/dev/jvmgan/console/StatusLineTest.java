package dev.jvmgan.console;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person sees: the bytes replayed on a minimal terminal (carriage return goes to column 0, newline to the
 * next line, other characters overwrite), so a log line drawn into the bar or overwritten by it would show.
 */
class StatusLineTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream terminal = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final StatusLine line = new StatusLine(() -> terminal);

    /** The screen after replaying the output: one string per line, trailing blanks dropped. */
    private List<String> screen() {
        List<StringBuilder> rows = new ArrayList<>(List.of(new StringBuilder()));
        int column = 0;
        for (char c : bytes.toString(StandardCharsets.UTF_8).toCharArray()) {
            StringBuilder row = rows.get(rows.size() - 1);
            if (c == '\r') {
                column = 0;
            } else if (c == '\n') {
                rows.add(new StringBuilder());
                column = 0;
            } else {
                while (row.length() <= column) {
                    row.append(' ');
                }
                row.setCharAt(column++, c);
            }
        }
        List<String> lines = new ArrayList<>();
        rows.forEach(r -> lines.add(r.toString().stripTrailing()));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private void log(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        line.write(b, 0, b.length);
    }

    @Test
    void logLinesStayWholeAboveTheBarAndTheBarEndsLast() {
        line.show("train  10% [==>     ] 10/100 (0:00:02 / 0:00:18) 4.9 it/s D 0.702 G 1.566");
        log("20:35:44 INFO  it 250 | D never+: act1 0.0% act2 0.0% | G signal 3.7e-02\n");
        line.show("train  20% [===>    ] 20/100");
        log("SIGINT: stopping after ");   // a message printed in pieces comes out as one line
        log("this iteration and writing a checkpoint\n");
        line.show("train  21% [===>    ] 21/100 (0:00:04 / 0:00:15) 5.0 it/s");
        line.finish();

        assertThat(screen()).containsExactly(
                "20:35:44 INFO  it 250 | D never+: act1 0.0% act2 0.0% | G signal 3.7e-02",
                "SIGINT: stopping after this iteration and writing a checkpoint",
                "train  21% [===>    ] 21/100 (0:00:04 / 0:00:15) 5.0 it/s");
        assertThat(line.showing()).isFalse();
    }

    @Test
    void aShorterBarLeavesNothingOfTheLongerOne() {
        line.show("train  10% D 0.702 G 1.566 D(x) 0.87 D(G(z)) 0.40 (means it 51-73)");
        line.show("train  11% D 0.7");
        line.finish();

        assertThat(screen()).containsExactly("train  11% D 0.7");
    }

    @Test
    void withoutABarLinesPassStraightThroughWithNoCarriageReturn() {
        log("one\n");
        log("two\nthree");
        line.finish();

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("one\ntwo\nthree\n");
    }

    @Test
    void linesFromManyThreadsWhileTheBarRedrawsAreEachWhole() throws Exception {
        int threads = 4;
        int perThread = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            writers.add(new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < perThread; i++) {
                    log("thread " + id + " line " + i + " of the log\n");
                }
            }));
        }
        Thread bar = new Thread(() -> {
            for (int i = 0; i < 2000; i++) {
                line.show("train " + i + " it");
            }
        });
        writers.forEach(Thread::start);
        bar.start();
        start.countDown();
        for (Thread w : writers) {
            w.join();
        }
        bar.join();
        line.finish();

        List<String> shown = screen();
        Set<String> expected = new HashSet<>();
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                expected.add("thread " + t + " line " + i + " of the log");
            }
        }
        assertThat(shown).hasSize(threads * perThread + 1);
        assertThat(new HashSet<>(shown.subList(0, threads * perThread))).isEqualTo(expected);
        assertThat(shown.get(shown.size() - 1)).isEqualTo("train 1999 it");
    }
}
