package dev.jvmgan.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into a graceful stop while training: the first signal asks the loop to finish
 * its iteration and write a checkpoint; a second one ends the process at once with 130 (the last complete
 * checkpoint on disk stays loadable, as after {@code kill -9}). {@link #close()} puts the previous handlers back.
 *
 * <p>Uses {@code sun.misc.Signal}, the JDK's only way to handle a signal without starting JVM shutdown (a shutdown
 * hook could not finish the iteration and still choose the exit code). Where the JVM does not allow a handler
 * (e.g. a signal it reserves), that signal keeps its default behaviour.
 */
final class StopOnSignals implements AutoCloseable {
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private final AtomicInteger received = new AtomicInteger();

    private StopOnSignals() {
    }

    static StopOnSignals install(Runnable requestStop, PrintStream err) {
        StopOnSignals signals = new StopOnSignals();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal signal = new Signal(name);
                signals.previous.put(signal, Signal.handle(signal, s -> signals.onSignal(s, requestStop, err)));
            } catch (IllegalArgumentException unavailable) {
                // The JVM runs with -Xrs or reserves the signal: default handling stays.
            }
        }
        return signals;
    }

    private void onSignal(Signal signal, Runnable requestStop, PrintStream err) {
        if (received.incrementAndGet() == 1) {
            err.println("gan: SIG" + signal.getName() + ": stopping after this iteration and writing a checkpoint "
                    + "(send it again to quit at once)");
            err.flush();
            requestStop.run();
        } else {
            err.println("gan: SIG" + signal.getName() + " again: quitting now; the last complete checkpoint is kept");
            err.flush();
            Runtime.getRuntime().halt(GanCli.INTERRUPTED);
        }
    }

    /** Whether a stop signal arrived. */
    boolean received() {
        return received.get() > 0;
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
        previous.clear();
    }
}
