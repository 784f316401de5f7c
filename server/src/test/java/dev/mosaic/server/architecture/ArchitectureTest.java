package dev.mosaic.server.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The module boundaries of DESIGN.md, checked on the compiled main classes of every module. */
class ArchitectureTest {

    private static final JavaClasses MOSAIC = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.mosaic");

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
    void theSidesDependOnNoSpringSecurity() {
        noClasses().that().resideInAnyPackage("dev.mosaic.command..", "dev.mosaic.query..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework.security..")
                .check(MOSAIC);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.mosaic.(*).(*)..").should().beFreeOfCycles().check(MOSAIC);
    }

    @Test
    void serverTouchesTheSidesOnlyThroughTheirApi() {
        noClasses().that().resideInAPackage("dev.mosaic.server..")
                .should().dependOnClassesThat(resideInAnyPackage("dev.mosaic.command..", "dev.mosaic.query..")
                        .and(not(resideInAnyPackage("dev.mosaic.command.api..", "dev.mosaic.query.api..")))
                        .as("side classes outside their api"))
                .check(MOSAIC);
    }

    /**
     * Each side publishes only its api package: any other class of a side is package-private unless another
     * package of the same side needs it (a projection that the replay resets, say).
     */
    @Test
    void sideClassesOutsideTheirApiArePublicOnlyForTheirOwnSide() {
        classes().that().resideInAnyPackage("dev.mosaic.command..", "dev.mosaic.query..")
                .and().resideOutsideOfPackages("dev.mosaic.command.api..", "dev.mosaic.query.api..")
                .and().arePublic().and().areTopLevelClasses()
                .should(beUsedByAnotherPackageOfTheirSide())
                .check(MOSAIC);
    }

    /** Used by another package only through compile-time constants, which javac copies into the user's bytecode. */
    private static final Set<String> USED_THROUGH_CONSTANTS = Set.of("dev.mosaic.command.breakglass.PasswordPolicy");

    private static ArchCondition<JavaClass> beUsedByAnotherPackageOfTheirSide() {
        return new ArchCondition<>("be used by another package of their side (else be package-private)") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                String side = type.getPackageName().startsWith("dev.mosaic.command.") ? "dev.mosaic.command."
                        : "dev.mosaic.query.";
                boolean used = type.getDirectDependenciesToSelf().stream()
                        .map(dependency -> dependency.getOriginClass().getPackageName())
                        .anyMatch(origin -> origin.startsWith(side) && !origin.equals(type.getPackageName()));
                if (!used && !USED_THROUGH_CONSTANTS.contains(type.getName())) {
                    events.add(SimpleConditionEvent.violated(type, type.getName()
                            + " is public but used only in its own package: make it package-private"));
                }
            }
        };
    }
}
