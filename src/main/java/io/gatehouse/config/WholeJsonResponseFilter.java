package io.gatehouse.config;

import java.io.IOException;
import java.nio.ByteBuffer;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Sends each JSON answer whole: with a Content-Length, headers and body in one write. Spring flushes the
 * output stream as soon as the message converter has written a body, and a flush commits the response
 * before the server knows its length, so every JSON answer went out chunked, in two writes (the body,
 * then the chunked encoding's end), and each client read it twice. A JSON document is complete once
 * written, so a flush of one that is still in the server's buffer is let go; the server then sets the
 * length when the request ends and sends the answer in one write. A body larger than that buffer still
 * streams (the buffer commits itself when it fills), and every other content type flushes as asked.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class WholeJsonResponseFilter implements Filter {

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request.getDispatcherType() == DispatcherType.REQUEST && response instanceof HttpServletResponse http) {
			chain.doFilter(request, new WholeJson(http));
		}
		else {
			chain.doFilter(request, response);
		}
	}

	/** The response, whose flushes wait for the end of the request while it holds a buffered JSON body. */
	static final class WholeJson extends HttpServletResponseWrapper {

		private @Nullable ServletOutputStream stream;

		WholeJson(HttpServletResponse response) {
			super(response);
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			ServletOutputStream out = this.stream;
			if (out == null) {
				out = new HeldFlushes(super.getOutputStream(), this);
				this.stream = out;
			}
			return out;
		}

		@Override
		public void flushBuffer() throws IOException {
			if (!holdsFlushes()) {
				super.flushBuffer();
			}
		}

		/** A JSON body not yet committed: the end of the request sends it, with its length. */
		boolean holdsFlushes() {
			if (isCommitted()) {
				return false;
			}
			String type = getContentType();
			return type != null && (type.startsWith("application/json") || type.contains("+json"));
		}
	}

	/** The server's stream, with flushes held while {@link WholeJson#holdsFlushes()}. */
	private static final class HeldFlushes extends ServletOutputStream {

		private final ServletOutputStream out;

		private final WholeJson response;

		HeldFlushes(ServletOutputStream out, WholeJson response) {
			this.out = out;
			this.response = response;
		}

		@Override
		public void write(int b) throws IOException {
			this.out.write(b);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			this.out.write(b, off, len);
		}

		@Override
		public void write(ByteBuffer buffer) throws IOException {
			this.out.write(buffer);
		}

		@Override
		public void flush() throws IOException {
			if (!this.response.holdsFlushes()) {
				this.out.flush();
			}
		}

		@Override
		public void close() throws IOException {
			this.out.close();
		}

		@Override
		public boolean isReady() {
			return this.out.isReady();
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			this.out.setWriteListener(listener);
		}
	}
}
