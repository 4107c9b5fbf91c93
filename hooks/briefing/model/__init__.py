"""The shape of the data: the models items are checked against, and the pieces they are made of."""
