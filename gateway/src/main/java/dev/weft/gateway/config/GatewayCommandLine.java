package dev.weft.gateway.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code ./weft gateway}'s command line (picocli): {@code --config FILE} and one flag per
 * configuration key, named as the key ({@code --port}, {@code --history_size}); a boolean
 * flag without a value means true. {@code --io} and {@code --workers} are keys too.
 */
public final class GatewayCommandLine {
    /** What the command line asks for: usage text, or a configuration. */
    public sealed interface Parsed {
    }

    public record Help(String usage) implements Parsed {
    }

    public record Run(GatewayConfig config) implements Parsed {
    }

    private GatewayCommandLine() {
    }

    /** Parses {@code args}, then loads the file they name and {@code env} beneath them. */
    public static Parsed parse(String[] args, Map<String, String> env) throws ConfigException {
        CommandLine cmd = new CommandLine(spec());
        ParseResult result;
        try {
            result = cmd.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new ConfigException("command line", String.join(" ", args), e.getMessage());
        }
        if (cmd.isUsageHelpRequested()) {
            return new Help(cmd.getUsageMessage(CommandLine.Help.Ansi.OFF));
        }
        Optional<Path> file = Optional.ofNullable(result.matchedOptionValue("--config", (String) null)).map(Path::of);
        Map<String, String> flags = new LinkedHashMap<>();
        if (result.hasMatchedOption("--no-demo")) {
            flags.put("demo", "false");
        }
        for (ConfigKey k : ConfigKey.ALL) {
            String value = result.matchedOptionValue(k.flagName(), (String) null);
            if (value != null) {
                flags.put(k.name(), value);
            }
        }
        return new Run(ConfigLoader.load(file, env, flags));
    }

    static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("weft gateway").mixinStandardHelpOptions(true);
        spec.usageMessage().abbreviateSynopsis(true);
        spec.usageMessage()
                .description("Weft's real-time gateway (Centrifugo's client protocol over WebSocket).",
                        "Precedence: flags > WEFT_* environment > config file > defaults.",
                        "Every key is also an environment variable: WEFT_ and the upper-case key (WEFT_PORT).")
                .footer("", "Keys, defaults and limits: docs/OPERATIONS.md, \"Gateway configuration\".");
        spec.addOption(OptionSpec.builder("-c", "--config").paramLabel("FILE").type(String.class)
                .description("config file, .json or .yaml (keys as in Centrifugo v5; namespaces: [{name: ...}])").build());
        spec.addOption(OptionSpec.builder("--no-demo").arity("0")
                .description("turn off the demo page (/demo) and its token endpoint; same as --demo=false").build());
        for (ConfigKey k : ConfigKey.ALL) {
            OptionSpec.Builder o = OptionSpec.builder(k.flagName()).type(String.class)
                    .paramLabel(switch (k.type()) {
                        case INT -> "N";
                        case BOOL -> "BOOL";
                        case DURATION -> "DURATION";
                        case STRING -> "TEXT";
                    })
                    .description(k.envName() + "; default " + k.defaultValue());
            if (k.type() == ConfigKey.Type.BOOL) {
                o.arity("0..1").fallbackValue("true");
            }
            spec.addOption(o.build());
        }
        return spec;
    }
}
