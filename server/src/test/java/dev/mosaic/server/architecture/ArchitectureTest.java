package dev.mosaic.server.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module boundaries of DESIGN.md, checked on the compiled main classes of every module. */
class ArchitectureTest {

    private static final JavaClasses MOSAIC = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.mosaic");

    /**
     * Debt: side classes outside {@code dev.mosaic.command.api} / {@code dev.mosaic.query.api} that the server
     * still reaches. Frozen: the list may only shrink; move a class into its side's api (or stop using it) and
     * delete its line here.
     */
    private static final Set<String> SERVER_REACHES_BEYOND_API = Set.of(
            "dev.mosaic.query.history.ChangePreview",
            "dev.mosaic.query.history.FleetFold",
            "dev.mosaic.query.history.FleetHistory",
            "dev.mosaic.query.history.FleetState",
            "dev.mosaic.query.history.Positions");

    @Test
    void commandSideNeverDependsOnQuerySide() {
        noClasses().that().resideInAPackage("dev.mosaic.command..")
                .should().dependOnClassesThat().resideInAPackage("dev.mosaic.query..")
                .check(MOSAIC);
    }

    @Test
    void querySideNeverDependsOnCommandSide() {
        noClasses().that().resideInAPackage("dev.mosaic.query..")
                .should().dependOnClassesThat().resideInAPackage("dev.mosaic.command..")
                .check(MOSAIC);
    }

    @Test
    void sharedEventsDependOnNothingOfOurs() {
        noClasses().that().resideInAPackage("dev.mosaic.events..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.mosaic.command..", "dev.mosaic.query..", "dev.mosaic.server..")
                .check(MOSAIC);
    }

    /** The language has no Spring (nor servlet types): ports in it are plain interfaces the server implements. */
    @Test
    void sharedEventsDependOnNoFramework() {
        noClasses().that().resideInAPackage("dev.mosaic.events..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..")
                .check(MOSAIC);
    }

    /** Passwords are hashed and sessions signed into by the server, through ports in shared-events. */
    @Test
    void commandSideDependsOnNoSpringSecurity() {
        noClasses().that().resideInAPackage("dev.mosaic.command..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework.security..")
                .check(MOSAIC);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.mosaic.(*).(*)..").should().beFreeOfCycles().check(MOSAIC);
    }

    @Test
    void serverTouchesTheSidesOnlyThroughTheirApi() {
        DescribedPredicate<JavaClass> beyondApi = resideInAnyPackage("dev.mosaic.command..", "dev.mosaic.query..")
                .and(not(resideInAnyPackage("dev.mosaic.command.api..", "dev.mosaic.query.api..")))
                .and(not(frozenDebt()));
        noClasses().that().resideInAPackage("dev.mosaic.server..")
                .should().dependOnClassesThat(beyondApi.as("side classes outside their api"))
                .check(MOSAIC);
    }

    /** Keeps the debt list honest: an entry the server no longer reaches must be deleted. */
    @Test
    void debtListOnlyNamesWhatTheServerStillReaches() {
        Set<String> reached = MOSAIC.stream()
                .filter(resideInAPackage("dev.mosaic.server..")::test)
                .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
                .map(d -> d.getTargetClass().getName().replaceAll("\\$.*", ""))
                .collect(Collectors.toSet());
        assertThat(SERVER_REACHES_BEYOND_API.stream().filter(name -> !reached.contains(name)))
                .as("debt paid: delete these from SERVER_REACHES_BEYOND_API")
                .isEmpty();
    }

    private static DescribedPredicate<JavaClass> frozenDebt() {
        return DescribedPredicate.describe("listed as debt",
                c -> SERVER_REACHES_BEYOND_API.contains(c.getName().replaceAll("\\$.*", "")));
    }
}
