error-definition-syntax = This is not valid TOML
error-definition-id = The id may only contain lower-case letters, digits, - and _
error-definition-version = The version must be a whole number from 1
error-definition-scale-points = A scale has at least two points, each with a value of its own
error-definition-no-sections = There is no section ([[sections]])
error-definition-section-id = The id of this section is invalid or occurs twice
error-definition-no-items = This section has no questions
error-definition-item-id = The id of this question is invalid or occurs twice
error-definition-unknown-scale = This scale does not exist in [scales]
error-definition-needs-scale = A likert question needs a scale (scale = "...")
error-definition-needs-ends = A question from 0 to 10 needs low and high
error-definition-needs-options = A choice question needs at least two options with different values
error-definition-item-type = Unknown kind of question; choose likert, zero_to_ten, single_choice or open_text
error-answer-too-long = This answer is too long.
error-answer-out-of-scale = Choose one of the answers.
