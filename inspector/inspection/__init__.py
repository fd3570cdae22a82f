"""What happens on site, as plain functions over models: which items apply,
what a valid answer is, scores, what is missing before a visit can finish,
and recording all of it through the store. No Textual here."""
