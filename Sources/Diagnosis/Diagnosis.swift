// Diagnosis module.
