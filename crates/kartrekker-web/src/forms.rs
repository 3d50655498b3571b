//! What a form shows again after an error: every value as typed, and a
//! message per field in the person's language.

use std::collections::HashMap;

use kartrekker::Error;

use crate::context::Ctx;
use crate::error::WebError;

#[derive(Clone, Debug, Default)]
pub struct Form {
    values: HashMap<String, String>,
    multi: HashMap<String, Vec<String>>,
    /// (field, message), in the order the fields appear.
    pub errors: Vec<(String, String)>,
}

impl Form {
    pub fn new() -> Form {
        Form::default()
    }
    /// From the posted pairs; a field that occurs several times keeps all values.
    pub fn from_pairs(pairs: &[(String, String)]) -> Form {
        let mut f = Form::default();
        for (k, v) in pairs {
            if k == "csrf" {
                continue;
            }
            f.multi.entry(k.clone()).or_default().push(v.clone());
            f.values.entry(k.clone()).or_insert_with(|| v.clone());
        }
        f
    }
    pub fn with(mut self, name: &str, value: impl Into<String>) -> Form {
        self.values.insert(name.to_string(), value.into());
        self
    }
    pub fn with_all(mut self, name: &str, values: Vec<String>) -> Form {
        self.multi.insert(name.to_string(), values);
        self
    }
    pub fn value(&self, name: &str) -> &str {
        self.values.get(name).map(String::as_str).unwrap_or("")
    }
    pub fn values(&self, name: &str) -> &[String] {
        self.multi.get(name).map(Vec::as_slice).unwrap_or(&[])
    }
    pub fn has(&self, name: &str, value: &str) -> bool {
        self.values(name).iter().any(|v| v == value)
    }
    pub fn error(&self, name: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == name).map(|(_, m)| m.as_str())
    }
    pub fn invalid(&self, name: &str) -> bool {
        self.error(name).is_some()
    }
    pub fn add_error(&mut self, field: &str, message: String) {
        self.errors.push((field.to_string(), message));
    }

    /// Turns a service error into messages on this form; other errors pass on.
    pub fn absorb(mut self, c: &Ctx, err: Error, general_field: &str) -> Result<Form, WebError> {
        match err {
            Error::Invalid(fields) => {
                for f in fields {
                    self.add_error(f.field, c.t(f.key).to_string());
                }
                Ok(self)
            }
            Error::Refused(key) => {
                self.add_error(general_field, c.t(key).to_string());
                Ok(self)
            }
            other => Err(other.into()),
        }
    }
}
