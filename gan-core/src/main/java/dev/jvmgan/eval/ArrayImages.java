package dev.jvmgan.eval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/** Images already in one NCHW array, as tests and small callers have them. */
record ArrayImages(INDArray all) implements ImageSource {
    @Override
    public int count() {
        return (int) all.size(0);
    }

    @Override
    public int channels() {
        return (int) all.size(1);
    }

    @Override
    public int imageSize() {
        return (int) all.size(2);
    }

    @Override
    public INDArray images(int[] index) {
        long[] idx = Arrays.stream(index).asLongStream().toArray();
        return all.get(NDArrayIndex.indices(idx), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all())
                .castTo(DataType.FLOAT);
    }

    @Override
    public INDArray images(int from, int to) {
        return all.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
    }
}
