package io.gatehouse.config;

import java.io.IOException;

import jakarta.servlet.ServletOutputStream;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the filter holds a flush back and when it lets it through. The mock response commits on a flush
 * and when its buffer overflows, as the server's does.
 */
class WholeJsonResponseFilterTests {

	private final MockHttpServletResponse server = new MockHttpServletResponse();

	private final WholeJsonResponseFilter.WholeJson response = new WholeJsonResponseFilter.WholeJson(this.server);

	@Test
	void jsonWhenFlushedWhileBufferedThenHeldForTheEndOfTheRequest() throws IOException {
		this.response.setContentType("application/json");
		ServletOutputStream out = this.response.getOutputStream();
		out.write("{\"state\":\"completed\"}".getBytes());

		out.flush();
		this.response.flushBuffer();

		assertThat(this.server.isCommitted()).isFalse();
		assertThat(this.server.getContentAsString()).isEqualTo("{\"state\":\"completed\"}");
	}

	@Test
	void problemJsonWhenFlushedWhileBufferedThenHeld() throws IOException {
		this.response.setContentType("application/problem+json;charset=UTF-8");
		this.response.getOutputStream().write("{}".getBytes());

		this.response.getOutputStream().flush();

		assertThat(this.server.isCommitted()).isFalse();
	}

	@Test
	void jsonLargerThanTheBufferWhenWrittenThenStreamsAndLaterFlushesGoThrough() throws IOException {
		this.server.setBufferSize(1024);
		this.response.setContentType("application/json");
		ServletOutputStream out = this.response.getOutputStream();

		out.write(new byte[4096]);

		assertThat(this.server.isCommitted()).isTrue();
		assertThat(this.response.holdsFlushes()).isFalse();
		out.flush();
		assertThat(this.server.getContentAsByteArray()).hasSize(4096);
	}

	@Test
	void otherContentWhenFlushedThenFlushedAsAsked() throws IOException {
		this.response.setContentType("text/csv");
		ServletOutputStream out = this.response.getOutputStream();
		out.write("id,type\n".getBytes());

		out.flush();

		assertThat(this.server.isCommitted()).isTrue();
	}

	@Test
	void noContentTypeWhenFlushedThenFlushedAsAsked() throws IOException {
		this.response.flushBuffer();

		assertThat(this.server.isCommitted()).isTrue();
	}
}
