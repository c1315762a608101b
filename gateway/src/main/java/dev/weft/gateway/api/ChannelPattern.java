package dev.weft.gateway.api;

import java.util.regex.Pattern;

/**
 * The {@code pattern} of the {@code channels} method: a glob over the whole channel name,
 * with the syntax of Centrifugo's (no separators, so {@code *} crosses {@code :} too).
 * <ul>
 *   <li>{@code *} any run of characters, {@code ?} any one character;</li>
 *   <li>{@code [abc]}, {@code [a-z]} one of a set, {@code [!abc]} one not in it;</li>
 *   <li>{@code {news,chat:*}} any of the alternatives (each a pattern itself);</li>
 *   <li>{@code \} makes the next character literal.</li>
 * </ul>
 * An empty pattern matches every channel. Immutable.
 */
final class ChannelPattern {
    private final Pattern regex;

    private ChannelPattern(Pattern regex) {
        this.regex = regex;
    }

    /** @throws IllegalArgumentException naming what is malformed (unclosed {@code [} or {@code {}, trailing {@code \}) */
    static ChannelPattern compile(String glob) {
        if (glob.isEmpty()) {
            return new ChannelPattern(null);
        }
        StringBuilder re = new StringBuilder(glob.length() * 2);
        int end = translate(glob, 0, re, false);
        if (end != glob.length()) {
            throw new IllegalArgumentException("unexpected '" + glob.charAt(end) + "' at " + end);
        }
        return new ChannelPattern(Pattern.compile(re.toString(), Pattern.DOTALL));
    }

    boolean matches(String channel) {
        return regex == null || regex.matcher(channel).matches();
    }

    /**
     * Translates from {@code i} until the end, or (inside braces) until an unnested
     * {@code ,} or {@code }}; returns where it stopped.
     */
    private static int translate(String glob, int i, StringBuilder re, boolean inBraces) {
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (inBraces && (c == ',' || c == '}')) {
                return i;
            }
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '\\' -> {
                    if (i + 1 == glob.length()) {
                        throw new IllegalArgumentException("trailing '\\'");
                    }
                    re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                }
                case '[' -> i = characterClass(glob, i, re);
                case '{' -> i = alternatives(glob, i, re);
                case '}', ',' -> re.append(Pattern.quote(String.valueOf(c)));
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        if (inBraces) {
            throw new IllegalArgumentException("unclosed '{'");
        }
        return i;
    }

    /** {@code [...]} starting at {@code open}; returns the index of its {@code ]}. */
    private static int characterClass(String glob, int open, StringBuilder re) {
        int i = open + 1;
        boolean negated = i < glob.length() && glob.charAt(i) == '!';
        if (negated) {
            i++;
        }
        StringBuilder set = new StringBuilder();
        while (i < glob.length() && glob.charAt(i) != ']') {
            char c = glob.charAt(i);
            if (c == '-' && set.length() > 0 && i + 1 < glob.length() && glob.charAt(i + 1) != ']') {
                set.append('-');
            } else {
                set.append(c == '\\' || c == '[' || c == ']' || c == '^' || c == '&' || c == '-' ? "\\" + c : c);
            }
            i++;
        }
        if (i == glob.length()) {
            throw new IllegalArgumentException("unclosed '['");
        }
        if (set.isEmpty()) {
            throw new IllegalArgumentException("empty '[]'");
        }
        re.append('[').append(negated ? "^" : "").append(set).append(']');
        return i;
    }

    /** {@code {a,b}} starting at {@code open}; returns the index of its {@code }}. */
    private static int alternatives(String glob, int open, StringBuilder re) {
        re.append("(?:");
        int i = open + 1;
        while (true) {
            i = translate(glob, i, re, true);
            if (glob.charAt(i) == '}') {
                re.append(')');
                return i;
            }
            re.append('|');
            i++;
        }
    }
}
