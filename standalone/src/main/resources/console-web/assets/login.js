// The login form: POST /login, then back to where the person was going (a path of this site).
import { login, safeNext } from "./api.js";

const form = document.getElementById("login-form");
const error = document.getElementById("login-error");
const submit = document.getElementById("login-submit");
const next = safeNext(new URLSearchParams(location.search).get("next"));

document.body.dataset.ready = "true";

function showError(text) {
  error.textContent = text;
  error.hidden = false;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const user = form.user.value.trim();
  const password = form.password.value;
  if (!user || !password) {
    showError("Enter your user name and password.");
    (user ? form.password : form.user).focus();
    return;
  }
  submit.disabled = true;
  error.hidden = true;
  try {
    await login(user, password);
    location.assign(next);
  } catch (e) {
    if (e.status === 401) {
      showError("Wrong user name or password.");
      form.password.value = "";
      form.password.focus();
    } else if (e.status === 429) {
      const wait = e.retryAfter ? ` Try again in ${e.retryAfter} seconds.` : " Try again later.";
      showError("Too many failed attempts." + wait);
    } else {
      showError(`Could not log in: ${e.detail || e.message}`);
    }
  } finally {
    submit.disabled = false;
  }
});
