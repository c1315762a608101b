package dev.weft.io.uring;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.StructLayout;
import org.junit.jupiter.api.Test;

/** The named offsets agree with the StructLayouts and with io_uring.h's sizes. */
class LayoutTest {

    @Test
    void paramsIs120BytesWithOffsetsAt40And80() {
        StructLayout p = IoUringParams.LAYOUT;
        assertThat(p.byteSize()).isEqualTo(IoUringParams.SIZE).isEqualTo(120);
        assertThat(p.byteOffset(groupElement("sq_entries"))).isEqualTo(IoUringParams.SQ_ENTRIES);
        assertThat(p.byteOffset(groupElement("cq_entries"))).isEqualTo(IoUringParams.CQ_ENTRIES);
        assertThat(p.byteOffset(groupElement("flags"))).isEqualTo(IoUringParams.FLAGS);
        assertThat(p.byteOffset(groupElement("features"))).isEqualTo(IoUringParams.FEATURES);
        assertThat(p.byteOffset(groupElement("wq_fd"))).isEqualTo(IoUringParams.WQ_FD);
        assertThat(p.byteOffset(groupElement("sq_off"))).isEqualTo(IoUringParams.SQ_OFF);
        assertThat(p.byteOffset(groupElement("cq_off"))).isEqualTo(IoUringParams.CQ_OFF);
    }

    @Test
    void ringOffsetStructsAre40BytesWithNamedFields() {
        StructLayout sq = IoUringParams.SQ_OFFSETS;
        StructLayout cq = IoUringParams.CQ_OFFSETS;
        assertThat(sq.byteSize()).isEqualTo(40);
        assertThat(cq.byteSize()).isEqualTo(40);
        assertThat(sq.byteOffset(groupElement("head"))).isEqualTo(IoUringParams.SQ_OFF_HEAD);
        assertThat(sq.byteOffset(groupElement("tail"))).isEqualTo(IoUringParams.SQ_OFF_TAIL);
        assertThat(sq.byteOffset(groupElement("ring_mask")))
                .isEqualTo(IoUringParams.SQ_OFF_RING_MASK);
        assertThat(sq.byteOffset(groupElement("ring_entries")))
                .isEqualTo(IoUringParams.SQ_OFF_RING_ENTRIES);
        assertThat(sq.byteOffset(groupElement("flags"))).isEqualTo(IoUringParams.SQ_OFF_FLAGS);
        assertThat(sq.byteOffset(groupElement("dropped"))).isEqualTo(IoUringParams.SQ_OFF_DROPPED);
        assertThat(sq.byteOffset(groupElement("array"))).isEqualTo(IoUringParams.SQ_OFF_ARRAY);
        assertThat(cq.byteOffset(groupElement("head"))).isEqualTo(IoUringParams.CQ_OFF_HEAD);
        assertThat(cq.byteOffset(groupElement("tail"))).isEqualTo(IoUringParams.CQ_OFF_TAIL);
        assertThat(cq.byteOffset(groupElement("ring_mask")))
                .isEqualTo(IoUringParams.CQ_OFF_RING_MASK);
        assertThat(cq.byteOffset(groupElement("ring_entries")))
                .isEqualTo(IoUringParams.CQ_OFF_RING_ENTRIES);
        assertThat(cq.byteOffset(groupElement("overflow")))
                .isEqualTo(IoUringParams.CQ_OFF_OVERFLOW);
        assertThat(cq.byteOffset(groupElement("cqes"))).isEqualTo(IoUringParams.CQ_OFF_CQES);
        assertThat(cq.byteOffset(groupElement("flags"))).isEqualTo(IoUringParams.CQ_OFF_FLAGS);
    }

    @Test
    void sqeIs64BytesWithNamedOffsets() {
        StructLayout s = Sqe.LAYOUT;
        assertThat(s.byteSize()).isEqualTo(Sqe.SIZE).isEqualTo(64);
        assertThat(s.byteOffset(groupElement("opcode"))).isEqualTo(Sqe.OPCODE);
        assertThat(s.byteOffset(groupElement("flags"))).isEqualTo(Sqe.FLAGS);
        assertThat(s.byteOffset(groupElement("ioprio"))).isEqualTo(Sqe.IOPRIO);
        assertThat(s.byteOffset(groupElement("fd"))).isEqualTo(Sqe.FD);
        assertThat(s.byteOffset(groupElement("off"))).isEqualTo(Sqe.OFF);
        assertThat(s.byteOffset(groupElement("addr"))).isEqualTo(Sqe.ADDR);
        assertThat(s.byteOffset(groupElement("len"))).isEqualTo(Sqe.LEN);
        assertThat(s.byteOffset(groupElement("op_flags"))).isEqualTo(Sqe.OP_FLAGS);
        assertThat(s.byteOffset(groupElement("user_data"))).isEqualTo(Sqe.USER_DATA);
        assertThat(s.byteOffset(groupElement("buf_index"))).isEqualTo(Sqe.BUF_INDEX);
        assertThat(s.byteOffset(groupElement("personality"))).isEqualTo(Sqe.PERSONALITY);
        assertThat(s.byteOffset(groupElement("splice_fd_in"))).isEqualTo(Sqe.SPLICE_FD_IN);
        assertThat(s.byteOffset(groupElement("addr3"))).isEqualTo(Sqe.ADDR3);
    }

    @Test
    void cqeIs16Bytes() {
        StructLayout c = Cqe.LAYOUT;
        assertThat(c.byteSize()).isEqualTo(Cqe.SIZE).isEqualTo(16);
        assertThat(c.byteOffset(groupElement("user_data"))).isEqualTo(Cqe.USER_DATA);
        assertThat(c.byteOffset(groupElement("res"))).isEqualTo(Cqe.RES);
        assertThat(c.byteOffset(groupElement("flags"))).isEqualTo(Cqe.FLAGS);
    }
}
