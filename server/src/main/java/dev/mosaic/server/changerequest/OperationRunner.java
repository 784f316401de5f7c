package dev.mosaic.server.changerequest;

import dev.mosaic.events.changerequest.ChangeOperation;
import dev.mosaic.server.dryrun.BufferedResponse;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.DispatcherServlet;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Runs a stored operation through the same controller, validation and rules as when it was proposed: it is
 * dispatched to Spring MVC as a request of the caller (who is signed in and authorised already), and its answer is
 * held, not sent.
 */
@Component
class OperationRunner {
    private final ObjectProvider<DispatcherServlet> dispatcher;

    OperationRunner(ObjectProvider<DispatcherServlet> dispatcher) {
        this.dispatcher = dispatcher;
    }

    BufferedResponse run(HttpServletRequest caller, HttpServletResponse response, ChangeOperation operation,
                         String openedBody) {
        BufferedResponse answer = new BufferedResponse(response);
        try {
            dispatcher.getObject().service(new OperationRequest(caller, operation, openedBody), answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ServletException e) {
            throw new IllegalStateException(e);
        }
        return answer;
    }
}
