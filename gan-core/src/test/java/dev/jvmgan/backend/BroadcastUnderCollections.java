package dev.jvmgan.backend;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A child JVM's main for {@link ReachableOpsTest}: adds and subtracts a row vector (ND4J's broadcast op, as every
 * dense layer's bias) in a loop for the given seconds while another thread allocates, so that garbage collections
 * fall during the ops' native calls. Prints the loops done and exits 0, or the JVM crashes.
 */
public final class BroadcastUnderCollections {
    private BroadcastUnderCollections() {
    }

    public static void main(String[] args) {
        long seconds = Long.parseLong(args[0]);
        NativeBackend.initialise();
        INDArray x = Nd4j.rand(64, 784);
        INDArray b = Nd4j.rand(1, 784);
        Thread allocator = new Thread(() -> {
            long bytes = 0;
            while (true) {
                bytes += new byte[4096].length;
            }
        });
        allocator.setDaemon(true);
        allocator.start();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long loops = 0;
        while (System.nanoTime() < end) {
            x.addiRowVector(b);
            x.subiRowVector(b);
            loops++;
        }
        System.out.println("loops " + loops + " executioner " + Nd4j.getExecutioner().getClass().getSimpleName());
    }
}
