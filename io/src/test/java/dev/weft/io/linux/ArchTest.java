package dev.weft.io.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArchTest {

    @Test
    void knownArchitecturesAreDetected() {
        assertThat(Arch.detect("Linux", "amd64")).isEqualTo(Arch.X86_64);
        assertThat(Arch.detect("Linux", "x86_64")).isEqualTo(Arch.X86_64);
        assertThat(Arch.detect("Linux", "aarch64")).isEqualTo(Arch.AARCH64);
    }

    @Test
    void unsupportedArchitectureFailsNamingIt() {
        assertThatThrownBy(() -> Arch.detect("Linux", "riscv64"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("os.arch=riscv64");
    }

    @Test
    void nonLinuxFailsNamingTheOs() {
        assertThatThrownBy(() -> Arch.detect("Mac OS X", "aarch64"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("os.name=Mac OS X");
    }

    @Test
    void thisMachineIsSupported() {
        assertThat(Arch.current()).isNotNull();
    }
}
