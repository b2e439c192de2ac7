// Passkeys in the browser: the WebAuthn calls and nothing else. The server makes every decision; this
// script only turns its options into navigator.credentials calls and posts the answer back in a form.
// Forms opt in with data-passkey="get" (sign-in, step-up) or data-passkey="create" (registration).
(function () {
  'use strict';

  function decode(text) {
    var base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    var binary = atob(base64 + '==='.slice((base64.length + 3) % 4));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function encode(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) {
      binary += String.fromCharCode(bytes[i]);
    }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function descriptors(list) {
    return (list || []).map(function (d) {
      return { type: d.type, id: decode(d.id), transports: d.transports };
    });
  }

  function creationOptions(o) {
    return {
      rp: o.rp,
      user: { id: decode(o.user.id), name: o.user.name, displayName: o.user.displayName },
      challenge: decode(o.challenge),
      pubKeyCredParams: o.pubKeyCredParams,
      timeout: o.timeout,
      excludeCredentials: descriptors(o.excludeCredentials),
      authenticatorSelection: o.authenticatorSelection,
      attestation: o.attestation
    };
  }

  function requestOptions(o) {
    return {
      challenge: decode(o.challenge),
      rpId: o.rpId,
      timeout: o.timeout,
      userVerification: o.userVerification,
      allowCredentials: descriptors(o.allowCredentials)
    };
  }

  function answer(credential) {
    var r = credential.response;
    var response = { clientDataJSON: encode(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = encode(r.attestationObject);
      response.transports = r.getTransports ? r.getTransports() : [];
    } else {
      response.authenticatorData = encode(r.authenticatorData);
      response.signature = encode(r.signature);
      if (r.userHandle) {
        response.userHandle = encode(r.userHandle);
      }
    }
    return {
      id: credential.id,
      rawId: encode(credential.rawId),
      type: credential.type,
      response: response,
      clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
      authenticatorAttachment: credential.authenticatorAttachment || undefined
    };
  }

  function fail(form, message) {
    var alert = form.querySelector('.passkey-error');
    if (alert) {
      alert.textContent = message;
      alert.hidden = false;
    }
  }

  function optionsFor(form) {
    if (form.dataset.options) {
      return Promise.resolve({ challengeId: form.dataset.challenge, publicKey: JSON.parse(form.dataset.options) });
    }
    var body = new URLSearchParams();
    ['_csrf', 'flow'].forEach(function (name) {
      var field = form.querySelector('[name="' + name + '"]');
      if (field) {
        body.append(name, field.value);
      }
    });
    return fetch(form.dataset.optionsUrl, { method: 'POST', body: body, credentials: 'same-origin' })
      .then(function (res) {
        return res.json().then(function (json) {
          if (!res.ok) {
            throw new Error(json.detail || 'Passkeys are not available right now.');
          }
          return json;
        });
      });
  }

  function attach(form) {
    form.addEventListener('submit', function (event) {
      if (form.dataset.ready === 'yes') {
        return;
      }
      // A step-up form may be answered with an authenticator code instead; then no passkey is needed.
      var code = form.querySelector('[name="code"]');
      if (code && code.value.trim() !== '') {
        return;
      }
      event.preventDefault();
      if (!window.PublicKeyCredential) {
        fail(form, 'This browser does not support passkeys.');
        return;
      }
      var create = form.dataset.passkey === 'create';
      optionsFor(form).then(function (options) {
        var call = create
          ? navigator.credentials.create({ publicKey: creationOptions(options.publicKey) })
          : navigator.credentials.get({ publicKey: requestOptions(options.publicKey) });
        return call.then(function (credential) {
          form.querySelector('[name="challengeId"]').value = options.challengeId;
          form.querySelector('[name="credential"]').value = JSON.stringify(answer(credential));
          form.dataset.ready = 'yes';
          form.submit();
        });
      }).catch(function (error) {
        fail(form, error && error.name === 'NotAllowedError'
          ? 'The passkey request was cancelled or timed out. Try again.'
          : (error && error.message) || 'The passkey could not be used.');
      });
    });
  }

  document.querySelectorAll('form[data-passkey]').forEach(attach);
})();
