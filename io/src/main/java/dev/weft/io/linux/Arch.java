package dev.weft.io.linux;

import java.util.Locale;

/** The CPU architectures whose Linux syscall numbers Weft knows. */
public enum Arch {
    X86_64,
    AARCH64;

    /**
     * The architecture of this JVM.
     *
     * @throws UnsupportedOperationException on a non-Linux OS or an architecture Weft has no
     *     syscall table for; the message names {@code os.name} and {@code os.arch}
     */
    public static Arch current() {
        return detect(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    static Arch detect(String osName, String osArch) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            throw new UnsupportedOperationException(
                    "Weft's Linux syscalls need Linux; os.name=" + osName);
        }
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> X86_64;
            case "aarch64", "arm64" -> AARCH64;
            default -> throw new UnsupportedOperationException(
                    "Weft's Linux syscalls support x86-64 and aarch64; os.arch=" + osArch);
        };
    }
}
