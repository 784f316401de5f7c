package dev.mosaic.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks the deployment files without a Docker engine (there is none on the build machines): the compose and
 * swarm files are parsed, and every shell script under ops/ is linted with shellcheck.
 * Paths are relative to the repository root; Maven runs this test with the server module as working directory.
 */
class DeploymentFilesTest {

    private static final Path ROOT = findRepoRoot();
    private static final List<String> SERVER_ONLY = List.of("DATABASE_URL", "MOSAIC_SECRET_KEY");

    private static Path findRepoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("compose")) && Files.isDirectory(p.resolve("ops"))) {
                return p;
            }
        }
        return dir.resolve("..").normalize();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String relative) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        try (InputStream in = Files.newInputStream(ROOT.resolve(relative))) {
            Object doc = new Yaml(new SafeConstructor(options)).load(in);
            assertThat(doc).as(relative).isInstanceOf(Map.class);
            return (Map<String, Object>) doc;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services(Map<String, Object> doc) {
        assertThat(doc).containsKey("services");
        return (Map<String, Map<String, Object>>) doc.get("services");
    }

    /** The service's environment as a map, whether written as a map or as a list of NAME=value. */
    private static Map<String, String> env(Map<String, Object> service) {
        Object e = service.get("environment");
        Map<String, String> out = new LinkedHashMap<>();
        if (e instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (e instanceof List<?> l) {
            for (Object item : l) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            }
        }
        return out;
    }

    private static Map<String, Map<String, Object>> agents(Map<String, Map<String, Object>> services) {
        Map<String, Map<String, Object>> agents = new LinkedHashMap<>();
        services.forEach((name, s) -> {
            if (env(s).containsKey("AGENT_NAME")) {
                agents.put(name, s);
            }
        });
        return agents;
    }

    @SuppressWarnings("unchecked")
    private static void assertHealthcheck(String name, Map<String, Object> service) {
        assertThat(service).as("%s has a healthcheck", name).containsKey("healthcheck");
        Map<String, Object> hc = (Map<String, Object>) service.get("healthcheck");
        assertThat(hc).as("%s healthcheck test", name).containsKey("test");
        assertThat(hc.get("disable")).as("%s healthcheck not disabled", name).isNotEqualTo(Boolean.TRUE);
    }

    private static void assertCommonShape(String file, Map<String, Map<String, Object>> services) {
        assertThat(services).as(file).containsKeys("postgres", "mosaic");
        Map<String, Map<String, Object>> agents = agents(services);
        assertThat(agents).as("%s: agent services", file).hasSizeGreaterThanOrEqualTo(2);
        services.forEach((name, s) -> assertHealthcheck(file + " " + name, s));
        assertThat(String.valueOf(services.get("postgres").get("volumes"))).as("postgres keeps its data in a volume")
                .contains("/var/lib/postgresql/data");
        assertThat(String.valueOf(services.get("mosaic").get("healthcheck"))).contains("/actuator/health");
        agents.forEach((name, s) -> {
            Map<String, String> env = env(s);
            assertThat(env).as("%s %s env", file, name).containsKeys("MOSAIC_API_URL", "AGENT_NAME");
            assertThat(env.containsKey("AGENT_TOKEN") || env.containsKey("AGENT_TOKEN_FILE"))
                    .as("%s %s has a token", file, name).isTrue();
            for (String forbidden : SERVER_ONLY) {
                assertThat(env.keySet()).as("%s %s must not get %s", file, name, forbidden)
                        .noneMatch(k -> k.startsWith(forbidden));
                assertThat(String.valueOf(s.get("secrets"))).as("%s %s must not get %s", file, name, forbidden)
                        .doesNotContainIgnoringCase(forbidden.toLowerCase().replace("mosaic_", ""));
            }
            assertThat(String.valueOf(s.get("healthcheck"))).as("%s %s probes the gateway", file, name)
                    .contains("/healthz");
        });
    }

    @Test
    void composeFileHasPostgresMosaicAndAgentsWithTheRightEnvironment() throws IOException {
        Map<String, Object> doc = load("compose/docker-compose.yml");
        assertThat(doc).as("agents share one definition through an extension field").containsKey("x-agent");
        Map<String, Map<String, Object>> services = services(doc);
        assertCommonShape("docker-compose.yml", services);

        Map<String, String> mosaic = env(services.get("mosaic"));
        assertThat(mosaic).containsKeys("DATABASE_URL", "MOSAIC_SECRET_KEY");
        assertThat(mosaic.get("DATABASE_URL")).contains("${DATABASE_URL");
        assertThat(mosaic.get("MOSAIC_SECRET_KEY")).contains("${MOSAIC_SECRET_KEY");

        agents(services).forEach((name, s) -> {
            assertThat(env(s)).as(name).containsKey("AGENT_TOKEN");
            assertThat(env(s).get("AGENT_TOKEN")).as("%s token comes from .env", name).startsWith("${");
        });
        // the anchor really was merged into both agents
        agents(services).forEach((name, s) -> assertThat(s).as(name).containsKeys("image", "healthcheck"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void stackFileUsesDockerSecretsForAgentTokens() throws IOException {
        Map<String, Object> doc = load("compose/stack.yml");
        Map<String, Map<String, Object>> services = services(doc);
        assertCommonShape("stack.yml", services);
        Map<String, Object> secrets = (Map<String, Object>) doc.get("secrets");
        assertThat(secrets).as("top-level secrets").isNotEmpty();

        agents(services).forEach((name, s) -> {
            Map<String, String> env = env(s);
            assertThat(env).as("%s: no plain token in a stack", name).doesNotContainKey("AGENT_TOKEN");
            String file = env.get("AGENT_TOKEN_FILE");
            assertThat(file).as("%s AGENT_TOKEN_FILE", name).startsWith("/run/secrets/");
            String secret = file.substring("/run/secrets/".length());
            assertThat(String.valueOf(s.get("secrets"))).as("%s mounts its secret", name).contains(secret);
            assertThat(secrets).as("secret %s declared", secret).containsKey(secret);
        });
        List<String> agentSecrets = new ArrayList<>();
        agents(services).forEach((name, s) -> agentSecrets.add(env(s).get("AGENT_TOKEN_FILE")));
        assertThat(agentSecrets).as("each agent has its own token").doesNotHaveDuplicates();

        Map<String, String> mosaic = env(services.get("mosaic"));
        assertThat(mosaic.keySet()).as("mosaic gets DATABASE_URL and MOSAIC_SECRET_KEY (directly or as *_FILE)")
                .anyMatch(k -> k.startsWith("DATABASE_URL"))
                .anyMatch(k -> k.startsWith("MOSAIC_SECRET_KEY"));
    }

    @Test
    void envExampleNamesTheServerVariables() throws IOException {
        String text = Files.readString(ROOT.resolve("compose/.env.example"), StandardCharsets.UTF_8);
        assertThat(text).containsPattern("(?m)^DATABASE_URL=").containsPattern("(?m)^MOSAIC_SECRET_KEY=");
    }

    @Test
    void dockerfilesHaveTheAgreedShape() throws IOException {
        String server = Files.readString(ROOT.resolve("ops/Dockerfile"), StandardCharsets.UTF_8);
        assertThat(server).contains("FROM maven:3.9-eclipse-temurin-17 AS build", "./mvnw -B -DskipTests package",
                "FROM eclipse-temurin:17-jre", "server/target/mosaic.jar", "EXPOSE 8080", "HEALTHCHECK");
        assertThat(server).containsPattern("(?m)^USER (?!root)");
        String agent = Files.readString(ROOT.resolve("ops/agent/Dockerfile"), StandardCharsets.UTF_8);
        String agentInstructions = agent.lines().filter(l -> !l.stripLeading().startsWith("#"))
                .reduce("", (a, b) -> a + b + "\n");
        assertThat(agentInstructions).contains("openclaw", "entrypoint.sh", "ENTRYPOINT")
                .doesNotContain("DATABASE_URL").doesNotContain("MOSAIC_SECRET_KEY");
    }

    @Test
    void shellScriptsUnderOpsPassShellcheck() throws Exception {
        assumeTrue(shellcheckAvailable(), "shellcheck is not installed (apt-get install shellcheck); CI installs it");
        List<Path> scripts;
        try (Stream<Path> walk = Files.walk(ROOT.resolve("ops"))) {
            scripts = walk.filter(p -> p.toString().endsWith(".sh")).sorted().toList();
        }
        assertThat(scripts).as("scripts under ops/").isNotEmpty();
        List<String> command = new ArrayList<>(List.of("shellcheck", "--format=gcc"));
        scripts.forEach(p -> command.add(p.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("shellcheck finished").isTrue();
        assertThat(process.exitValue()).as("shellcheck findings:%n%s", output).isZero();
    }

    private static boolean shellcheckAvailable() {
        try {
            Process p = new ProcessBuilder("shellcheck", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
